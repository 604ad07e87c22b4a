package io.coderunner.server.sandboxes;

import io.coderunner.engine.ProcessSpec;
import io.coderunner.engine.Resident;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A started sandbox on its host: processes, tunnels to its ports, and its files. */
public interface LiveSandbox {

    String id();

    /** Starts a process in the sandbox. */
    Resident.ResidentProcess spawn(ProcessSpec spec, Resident.ProcessListener listener);

    /** A byte stream to a port on the sandbox's own loopback. */
    Resident.Tunnel connect(int port, Resident.TunnelListener listener);

    /** Where the sandbox's files are for the file API: its home and its volumes, by the paths the sandbox sees them at. */
    FileRoots files();

    /** Completes when the sandbox has ended (stopped, or its processes died). */
    CompletableFuture<Void> ended();

    long memoryBytes();

    /**
     * Host directories of the sandbox's file system the file API may reach, each with the path the
     * sandbox sees it at.
     */
    record FileRoots(Root home, List<Root> volumes) {
        public record Root(String sandboxPath, Path hostDir, boolean readOnly) {
        }
    }
}
