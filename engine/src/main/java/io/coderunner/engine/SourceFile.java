package io.coderunner.engine;

import java.util.regex.Pattern;

/**
 * One file of a submission. Names are plain file names: no directories, no '..', no NUL, so a
 * submission can never write outside its own work directory.
 */
public record SourceFile(String name, String content) {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}");

    public SourceFile {
        if (name == null || name.isEmpty()) {
            throw new InvalidRunException("file name must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new InvalidRunException("file name must not contain a NUL character");
        }
        if (name.contains("/") || name.contains("\\")) {
            throw new InvalidRunException("file name '" + name + "' must not contain a path separator");
        }
        if (name.equals(".") || name.equals("..") || name.contains("..")) {
            throw new InvalidRunException("file name '" + name + "' must not contain '..'");
        }
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new InvalidRunException("file name '" + name
                    + "' may use only letters, digits, '_', '-', '+' and '.', up to 128 characters");
        }
        if (content == null) {
            throw new InvalidRunException("file '" + name + "' has no content");
        }
    }

    public String extension() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    public String baseName() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
