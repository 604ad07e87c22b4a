package io.coderunner.engine;

/** A host work directory is already used by another run or terminal; only one may work in it at a time. */
public class DirectoryInUseException extends SandboxException {

    public DirectoryInUseException(String message) {
        super(message);
    }
}
