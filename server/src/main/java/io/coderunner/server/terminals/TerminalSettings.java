package io.coderunner.server.terminals;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of terminal sessions ({@code coderunner.terminals.*}); the per-tier figures (how many
 * sessions, memory, CPU, idle timeout, lifetime, network) are the tiers' ({@code coderunner.tiers}).
 *
 * @param logKib            terminal output kept per session for replay and shared logs (the last KiB)
 * @param previewKib        most of a file shown by /files/content
 * @param reaperIntervalMs  how often sessions are checked for idle timeout and lifetime
 * @param cloneTimeoutSeconds longest a git clone may take
 * @param uploadMb          most a session's uploaded files may hold together, by tier level
 * @param maxLiveSessions   terminal sessions going at once on the whole server, whoever's (each holds processes)
 * @param zipMb             most a ZIP download of a session's files may hold (file content before compression)
 */
@ConfigurationProperties("coderunner.terminals")
record TerminalSettings(Integer logKib, Integer previewKib, Long reaperIntervalMs, Integer cloneTimeoutSeconds,
                        Map<Integer, Integer> uploadMb, Integer maxLiveSessions, Integer zipMb) {

    TerminalSettings {
        logKib = logKib == null ? 1024 : logKib;
        previewKib = previewKib == null ? 256 : previewKib;
        reaperIntervalMs = reaperIntervalMs == null ? 30_000L : reaperIntervalMs;
        cloneTimeoutSeconds = cloneTimeoutSeconds == null ? 120 : cloneTimeoutSeconds;
        Map<Integer, Integer> merged = new HashMap<>(Map.of(1, 5, 2, 10, 3, 10, 4, 10));
        if (uploadMb != null) {
            merged.putAll(uploadMb);
        }
        uploadMb = Map.copyOf(merged);
        maxLiveSessions = maxLiveSessions == null ? 50 : maxLiveSessions;
        zipMb = zipMb == null ? 512 : zipMb;
        if (zipMb < 1) {
            throw new IllegalArgumentException("coderunner.terminals.zip-mb must be at least 1, was " + zipMb);
        }
        if (maxLiveSessions < 1) {
            throw new IllegalArgumentException("coderunner.terminals.max-live-sessions must be at least 1, was " + maxLiveSessions);
        }
        if (logKib < 1 || previewKib < 1 || reaperIntervalMs < 10 || cloneTimeoutSeconds < 1) {
            throw new IllegalArgumentException("coderunner.terminals: log-kib, preview-kib and clone-timeout-seconds must be "
                    + "at least 1 and reaper-interval-ms at least 10");
        }
    }

    long logBytes() {
        return logKib * 1024L;
    }

    long previewBytes() {
        return previewKib * 1024L;
    }

    long zipBytes() {
        return zipMb * 1024L * 1024L;
    }

    long uploadBytes(int level) {
        return uploadMb.getOrDefault(level, 5) * 1024L * 1024L;
    }
}
