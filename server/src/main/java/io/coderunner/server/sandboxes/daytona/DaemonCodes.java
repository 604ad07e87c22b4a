package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.http.ProblemCodes;
import org.springframework.http.HttpStatus;

/**
 * The code a toolbox error carries, as Daytona's daemon names it. The SDK turns FILE_NOT_FOUND,
 * SESSION_ENDED and the like into error classes of their own, so a missing file must not read as
 * a missing sandbox: what a file route could not find is a file unless the sandbox itself is what
 * was not found.
 */
final class DaemonCodes {

    private DaemonCodes() {
    }

    static String of(String path, HttpStatus status, String nativeCode, String message) {
        String route = route(path);
        boolean aboutTheSandbox = message != null && message.startsWith("sandbox ");
        if (ProblemCodes.SANDBOX_STATE.equals(nativeCode) || ProblemCodes.SANDBOX_LIMIT.equals(nativeCode)) {
            return generic(status);
        }
        if (route.startsWith("/files") && !aboutTheSandbox) {
            switch (status) {
                case NOT_FOUND:
                    return "FILE_NOT_FOUND";
                case FORBIDDEN:
                    return "FILE_ACCESS_DENIED";
                default:
                    break;
            }
        }
        if (route.startsWith("/process/session") && !aboutTheSandbox) {
            if (status == HttpStatus.NOT_FOUND) {
                return "PROCESS_NOT_FOUND";
            }
            if (status == HttpStatus.CONFLICT) {
                return "SESSION_ENDED";
            }
        }
        return generic(status);
    }

    /** The part of a toolbox path after {@code /daytona/toolbox/{sandboxId}}. */
    static String route(String path) {
        String prefix = "/daytona/toolbox/";
        if (path == null || !path.startsWith(prefix)) {
            return "";
        }
        int slash = path.indexOf('/', prefix.length());
        return slash < 0 ? "" : path.substring(slash);
    }

    static boolean isToolbox(String path) {
        return path != null && path.startsWith("/daytona/toolbox/");
    }

    private static String generic(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "BAD_REQUEST";
            case UNAUTHORIZED -> "UNAUTHORIZED";
            case FORBIDDEN -> "FORBIDDEN";
            case NOT_FOUND -> "NOT_FOUND";
            case CONFLICT -> "CONFLICT";
            case REQUEST_TIMEOUT -> "REQUEST_TIMEOUT";
            case GONE -> "GONE";
            case UNPROCESSABLE_ENTITY -> "UNPROCESSABLE_ENTITY";
            case INTERNAL_SERVER_ERROR -> "INTERNAL_SERVER_ERROR";
            default -> status.name();
        };
    }
}
