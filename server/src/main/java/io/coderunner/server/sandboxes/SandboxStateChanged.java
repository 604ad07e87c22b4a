package io.coderunner.server.sandboxes;

/**
 * A sandbox went from one state to another (published after the change is stored). The Daytona
 * event channel pushes these to SDK clients; {@code from} is null when the sandbox was just created.
 */
public record SandboxStateChanged(SandboxView sandbox, SandboxState from, SandboxState to) {
}
