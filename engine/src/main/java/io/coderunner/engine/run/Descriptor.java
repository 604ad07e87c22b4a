package io.coderunner.engine.run;

import java.nio.file.Path;

/** A file the launcher opens on a numbered descriptor before it execs the runtime. */
public record Descriptor(int fd, Path path, boolean write) {

    public static Descriptor read(int fd, Path path) {
        return new Descriptor(fd, path, false);
    }

    public static Descriptor write(int fd, Path path) {
        return new Descriptor(fd, path, true);
    }
}
