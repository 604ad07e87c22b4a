package io.coderunner.engine;

/** The caller asked for a run that cannot be made: the message says what is wrong with it. */
public class InvalidRunException extends RuntimeException {
    public InvalidRunException(String message) {
        super(message);
    }
}
