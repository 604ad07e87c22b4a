package io.coderunner.engine.language;

/** One entry of the sandbox's file-system view: a host path shown read-only, or a symbolic link. */
public record Mount(Kind kind, String source, String target) {

    public enum Kind { READ_ONLY_BIND, SYMLINK }

    public static Mount readOnly(String path) {
        return new Mount(Kind.READ_ONLY_BIND, path, path);
    }

    public static Mount symlink(String linkText, String at) {
        return new Mount(Kind.SYMLINK, linkText, at);
    }
}
