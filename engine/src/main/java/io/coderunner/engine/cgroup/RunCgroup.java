package io.coderunner.engine.cgroup;

import io.coderunner.engine.Limits;
import java.nio.file.Path;
import java.util.List;

/** The control group of one stage: every process of the stage lives in it and dies with it. */
public interface RunCgroup extends AutoCloseable {

    /**
     * Sets the group's memory and process limits and starts its CPU, peak-memory and OOM counters
     * from zero: a group made ahead of its run is accounted only from here on.
     */
    void apply(Limits limits);

    /** Files the launcher writes its own PID into before it starts the sandbox. */
    List<Path> procsFiles();

    /** Called once the launcher runs, for systems that must track it by PID. */
    default void attached(ProcessHandle launcher) {
    }

    long cpuTimeNanos();

    /** Highest memory use seen, in bytes; 0 when unknown. */
    long peakMemoryBytes();

    /** Memory the group's processes use now (including the page cache charged to them), in bytes; 0 when unknown. */
    default long memoryBytes() {
        return 0;
    }

    /** True when the kernel killed a process of the group for exceeding its memory limit. */
    boolean oomKilled();

    /** Kills every process in the group and returns when none is left (or gives up after a while). */
    void killAll();

    /** True when no process is left in the group. */
    boolean empty();

    /** Kills what is left and removes the group. */
    @Override
    void close();
}
