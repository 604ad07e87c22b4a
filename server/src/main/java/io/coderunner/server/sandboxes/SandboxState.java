package io.coderunner.server.sandboxes;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a sandbox is in its life; every change is recorded ({@code sandbox_transitions}). */
public enum SandboxState {
    CREATING, STARTING, STARTED, STOPPING, STOPPED, ARCHIVING, ARCHIVED, ERROR, DESTROYED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SandboxState of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
