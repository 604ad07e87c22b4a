package io.coderunner.server.http;

/** The action is open only to signed-in callers here (401 with WWW-Authenticate, and a code saying why). */
public class SignInRequiredException extends RuntimeException {

    private final String code;

    public SignInRequiredException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
