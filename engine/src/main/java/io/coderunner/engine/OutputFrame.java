package io.coderunner.engine;

import java.nio.charset.StandardCharsets;

/** A chunk of output as the program produced it: which stage, which stream, which bytes. */
public record OutputFrame(Stage stage, Stream stream, byte[] data) {

    public enum Stage { COMPILE, RUN }

    public enum Stream { STDOUT, STDERR }

    /** The bytes as text; a character split across two frames shows as U+FFFD in each. */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
