package io.coderunner.engine.gvisor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of an OCI bundle's {@code mounts}: a bind of a host path, or a file system of gVisor's own.
 * No nosuid or nodev: runsc ignores them (the sandbox has no host devices, and no new privileges
 * already makes set-uid files run without their owner's rights).
 */
record OciMount(String destination, String type, String source, List<String> options) {

    OciMount {
        options = List.copyOf(options);
    }

    static OciMount readOnly(String source, String destination) {
        return new OciMount(destination, "bind", source, List.of("rbind", "ro"));
    }

    static OciMount writable(String source, String destination) {
        return new OciMount(destination, "bind", source, List.of("rbind", "rw"));
    }

    static OciMount internal(String type, String destination, List<String> options) {
        return new OciMount(destination, type, type, options);
    }

    boolean bind() {
        return type.equals("bind");
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("destination", destination);
        json.put("type", type);
        json.put("source", source);
        json.put("options", options);
        return json;
    }
}
