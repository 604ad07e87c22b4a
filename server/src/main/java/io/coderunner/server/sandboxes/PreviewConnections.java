package io.coderunner.server.sandboxes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * How many proxied connections are open into each sandbox, bounded: each holds a thread and a
 * tunnel through the sandbox's agent, and a page opening connections without end must not take
 * the server's.
 */
@Component
class PreviewConnections {

    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final int most;

    PreviewConnections(PreviewSettings settings) {
        this.most = settings.previewConnections();
    }

    int most() {
        return most;
    }

    /** A place for one more connection into the sandbox, to close when it ends; null when all are taken. */
    AutoCloseable acquire(String sandboxId) {
        AtomicBoolean taken = new AtomicBoolean();
        open.compute(sandboxId, (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= most) {
                return count;
            }
            taken.set(true);
            return now + 1;
        });
        if (!taken.get()) {
            return null;
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(sandboxId, (id, count) -> count <= 1 ? null : count - 1);
            }
        };
    }
}
