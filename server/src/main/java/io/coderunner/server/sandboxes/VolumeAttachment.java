package io.coderunner.server.sandboxes;

/** A volume shown inside a sandbox: by its id or name, at an absolute path, read-write unless said. */
public record VolumeAttachment(String volume, String mountPath, Boolean readOnly) {

    public VolumeAttachment {
        readOnly = readOnly != null && readOnly;
    }
}
