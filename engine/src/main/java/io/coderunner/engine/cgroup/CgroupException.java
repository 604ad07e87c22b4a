package io.coderunner.engine.cgroup;

import io.coderunner.engine.SandboxException;

/** A control group could not be made, limited or removed. */
public class CgroupException extends SandboxException {
    public CgroupException(String message) {
        super(message);
    }

    public CgroupException(String message, Throwable cause) {
        super(message, cause);
    }
}
