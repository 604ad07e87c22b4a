package io.coderunner.server.sandboxes.daytona;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.sandboxes.CreateSandboxRequest;
import io.coderunner.server.sandboxes.VolumeAttachment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /daytona/api/sandbox} as the SDK sends it (every field it can send is named here),
 * and its translation into CodeRunner's own request. What CodeRunner does not do — GPUs, images
 * built from a Dockerfile, public previews, allow-lists, secrets, pausing — is refused naming the
 * field, never dropped: a caller must not believe it got what it asked for. {@code target} is
 * ignored (there is one place a sandbox runs). Memory and disk come in GiB.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
record DaytonaCreateRequest(String name, String snapshot, String user, Map<String, String> env, Map<String, String> labels,
                            @JsonProperty("public") Boolean isPublic, Boolean networkBlockAll, String networkAllowList,
                            String domainAllowList, String outboundProxyUrl, String otelEndpointOverride, String target,
                            Double cpu, Double gpu, List<String> gpuType, Boolean spot, Double memory, Double disk,
                            Integer autoStopInterval, Integer autoPauseInterval, Integer autoArchiveInterval,
                            Integer autoDeleteInterval, Integer ttlMinutes, List<Volume> volumes, JsonNode buildInfo,
                            String linkedSandbox, List<Map<String, String>> secrets, Boolean kvm) {

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Volume(String volumeId, String mountPath, String subpath) {
    }

    static final DaytonaCreateRequest EMPTY = new DaytonaCreateRequest(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    CreateSandboxRequest toNative() {
        refuseUnsupported();
        Map<String, String> ownLabels = new LinkedHashMap<>(labels == null ? Map.of() : labels);
        String language = ownLabels.remove(DaytonaSandbox.LANGUAGE_LABEL);
        List<VolumeAttachment> mounts = volumes == null ? null : volumes.stream().map(DaytonaCreateRequest::mount).toList();
        return new CreateSandboxRequest(name, language, snapshot, env, ownLabels, cpu, megabytes("memory", memory),
                megabytes("disk", disk), Boolean.TRUE.equals(networkBlockAll) ? Boolean.FALSE : null, autoStopInterval,
                DaytonaIntervals.archive(autoArchiveInterval), autoDeleteInterval, mounts);
    }

    private void refuseUnsupported() {
        List<String> refused = new ArrayList<>();
        if (user != null && !user.equals(DaytonaSandbox.USER)) {
            refused.add("user: processes run as '" + DaytonaSandbox.USER + "' (home /home/user); other users are not supported, was " + user);
        }
        if (Boolean.TRUE.equals(isPublic)) {
            refused.add("public: sandboxes are reached only by their owner; public sandboxes are not supported");
        }
        if (gpu != null && gpu > 0) {
            refused.add("gpu: CodeRunner sandboxes have no GPUs, was " + gpu);
        }
        if (gpuType != null && !gpuType.isEmpty()) {
            refused.add("gpuType: CodeRunner sandboxes have no GPUs");
        }
        if (Boolean.TRUE.equals(spot)) {
            refused.add("spot: spot sandboxes are not supported");
        }
        if (Boolean.TRUE.equals(kvm)) {
            refused.add("kvm: /dev/kvm is not offered to sandboxes");
        }
        if (buildInfo != null && !buildInfo.isNull()) {
            refused.add("buildInfo (image): building a sandbox from an image or Dockerfile is not supported; "
                    + "create it from a language (label code-toolbox-language) instead");
        }
        notBlank(refused, "networkAllowList", networkAllowList, "a network allow-list is not supported (networkBlockAll is)");
        notBlank(refused, "domainAllowList", domainAllowList, "a domain allow-list is not supported (networkBlockAll is)");
        notBlank(refused, "outboundProxyUrl", outboundProxyUrl, "an outbound proxy is not supported");
        notBlank(refused, "otelEndpointOverride", otelEndpointOverride, "OpenTelemetry export is not supported");
        notBlank(refused, "linkedSandbox", linkedSandbox, "linked sandboxes are not supported");
        if (secrets != null && !secrets.isEmpty()) {
            refused.add("secrets: secrets are not supported; pass values in env");
        }
        if (autoPauseInterval != null && autoPauseInterval != 0) {
            refused.add("autoPauseInterval: pausing is not supported (autoStopInterval is)");
        }
        if (ttlMinutes != null && ttlMinutes != 0) {
            refused.add("ttlMinutes: a time to live is not supported (autoStopInterval and autoDeleteInterval are)");
        }
        if (volumes != null && volumes.stream().anyMatch(v -> v != null && v.subpath() != null && !v.subpath().isBlank())) {
            refused.add("volumes[].subpath: mounting part of a volume is not supported");
        }
        if (!refused.isEmpty()) {
            throw new BadRequestException("not supported by this server: " + String.join("; ", refused));
        }
    }

    private static void notBlank(List<String> refused, String field, String value, String why) {
        if (value != null && !value.isBlank()) {
            refused.add(field + ": " + why);
        }
    }

    private static VolumeAttachment mount(Volume volume) {
        if (volume == null || volume.volumeId() == null || volume.mountPath() == null) {
            throw new BadRequestException("volumes: each needs volumeId and mountPath");
        }
        return new VolumeAttachment(volume.volumeId(), volume.mountPath(), false);
    }

    private static Integer megabytes(String field, Double gib) {
        if (gib == null) {
            return null;
        }
        if (gib <= 0 || gib > 1024) {
            throw new BadRequestException(field + " is in GiB and must be more than 0, was " + gib);
        }
        return (int) Math.round(gib * 1024);
    }
}
