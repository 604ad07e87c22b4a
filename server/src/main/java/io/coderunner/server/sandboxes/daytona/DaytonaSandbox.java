package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.http.Timestamps;
import io.coderunner.server.sandboxes.SandboxState;
import io.coderunner.server.sandboxes.SandboxView;
import io.coderunner.server.sandboxes.VolumeAttachment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A sandbox as Daytona's API shows it. The SDK takes a sandbox's language from the label
 * {@code code-toolbox-language} of the record it was built from, so that label is always there,
 * made from the sandbox's language (CodeRunner keeps the language apart, not as a label that a
 * later {@code PUT /labels} would drop). Memory and disk are in GiB.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
record DaytonaSandbox(String id, String name, String organizationId, String user, Map<String, String> env,
                      Map<String, String> labels, @com.fasterxml.jackson.annotation.JsonProperty("public") boolean isPublic,
                      boolean networkBlockAll, String target, double cpu, int gpu, double memory, double disk, String state,
                      String desiredState, String errorReason, String snapshot, int autoStopInterval, int autoArchiveInterval,
                      int autoDeleteInterval, List<Volume> volumes, String createdAt, String updatedAt, String lastActivityAt,
                      String toolboxProxyUrl) {

    static final String LANGUAGE_LABEL = "code-toolbox-language";
    /** The user processes run as inside every CodeRunner sandbox (its home is /home/user). */
    static final String USER = "user";
    /** Where a sandbox runs: CodeRunner has one place, this server. */
    static final String TARGET = "local";

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Volume(String volumeId, String mountPath) {
    }

    static DaytonaSandbox of(SandboxView sandbox, String toolboxProxyUrl) {
        return of(sandbox, sandbox.state(), toolboxProxyUrl);
    }

    /** The sandbox shown in another state than its view's (a deleted one as {@code destroyed}). */
    static DaytonaSandbox of(SandboxView sandbox, SandboxState state, String toolboxProxyUrl) {
        Map<String, String> labels = new LinkedHashMap<>(sandbox.labels());
        labels.put(LANGUAGE_LABEL, sandbox.language());
        List<Volume> volumes = sandbox.volumes() == null ? List.of()
                : sandbox.volumes().stream().map(DaytonaSandbox::volume).toList();
        return new DaytonaSandbox(sandbox.id(), sandbox.name(), Long.toString(sandbox.ownerId()), USER, sandbox.env(), labels,
                false, !sandbox.network(), TARGET, sandbox.cpu(), 0, gib(sandbox.memoryMb()), gib(sandbox.diskMb()), state.id(),
                desired(state), sandbox.errorReason(), sandbox.snapshot(), sandbox.autoStopMinutes(), sandbox.autoArchiveMinutes(),
                sandbox.autoDeleteMinutes(), volumes, Timestamps.iso(sandbox.createdAt()), Timestamps.iso(sandbox.updatedAt()),
                Timestamps.iso(sandbox.lastActivityAt()), toolboxProxyUrl);
    }

    /** The state a sandbox is on its way to (Daytona's {@code desiredState}); none for one in error. */
    private static String desired(SandboxState state) {
        return switch (state) {
            case CREATING, STARTING, STARTED -> "started";
            case STOPPING, STOPPED -> "stopped";
            case ARCHIVING, ARCHIVED -> "archived";
            case DESTROYED -> "destroyed";
            case ERROR -> null;
        };
    }

    private static Volume volume(VolumeAttachment attachment) {
        return new Volume(attachment.volume(), attachment.mountPath());
    }

    private static double gib(int megabytes) {
        return Math.round(megabytes / 1024.0 * 1000) / 1000.0;
    }
}
