package io.coderunner.engine.language;

/**
 * One entry of the sandbox's file-system view: a host path shown read-only, a symbolic link, or a
 * directory of a run's environment (a caller's own tree of packages, shown read-only to a run and
 * writable to the step that installs into it), or a volume of a resident sandbox (a host directory
 * shown at a path of its own, read-only or writable).
 */
public record Mount(Kind kind, String source, String target) {

    public enum Kind { READ_ONLY_BIND, SYMLINK, ENVIRONMENT_READ_ONLY, ENVIRONMENT_WRITABLE, VOLUME_READ_ONLY, VOLUME_WRITABLE }

    public static Mount readOnly(String path) {
        return new Mount(Kind.READ_ONLY_BIND, path, path);
    }

    public static Mount symlink(String linkText, String at) {
        return new Mount(Kind.SYMLINK, linkText, at);
    }

    /** Whether this is an environment directory, which a runtime must reach without the slot's uid seeing its host path. */
    public boolean environment() {
        return kind == Kind.ENVIRONMENT_READ_ONLY || kind == Kind.ENVIRONMENT_WRITABLE;
    }
}
