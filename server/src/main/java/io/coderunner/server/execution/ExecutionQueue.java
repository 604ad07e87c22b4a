package io.coderunner.server.execution;

import io.coderunner.server.http.ProblemCodes;
import io.coderunner.server.http.TooManyRequestsException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Admission in front of the engine: as many runs as there are slots execute, up to queueLength
 * more wait, and beyond that a request is refused at once with 429 and Retry-After, so load
 * never turns into an unbounded backlog of waiting threads.
 */
@Component
class ExecutionQueue {

    private final int concurrency;
    private final int capacity;
    private final int anonymousSlots;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger anonymous = new AtomicInteger();

    ExecutionQueue(SandboxSettings settings, AnonymousSettings anonymousSettings) {
        this.concurrency = settings.slots();
        this.capacity = settings.slots() + settings.queueLength();
        this.anonymousSlots = anonymousSettings.slotsOf(settings.slots());
    }

    /**
     * A place for a run of a caller who is not signed in. Anonymous runs hold (running or waiting)
     * at most their share of the slots, so that any number of them cannot keep signed-in users'
     * runs waiting: past it they are refused at once rather than queued.
     */
    Ticket admitAnonymous() {
        if (anonymousSlots >= concurrency) {
            return admit(); // a share of all the slots: nothing to keep apart
        }
        while (true) {
            int current = anonymous.get();
            if (current >= anonymousSlots) {
                throw new TooManyRequestsException(ProblemCodes.SERVER_BUSY, "anonymous runs may use " + anonymousSlots + " of the "
                        + concurrency + " execution slots at once and all are taken; sign in, or try again shortly",
                        Duration.ofSeconds(1), Map.of());
            }
            if (anonymous.compareAndSet(current, current + 1)) {
                break;
            }
        }
        Ticket ticket;
        try {
            ticket = admit();
        } catch (RuntimeException e) {
            anonymous.decrementAndGet();
            throw e;
        }
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                ticket.close();
                anonymous.decrementAndGet();
            }
        };
    }

    /** A place in the queue, to be closed when the run ends; refused when the queue is full. */
    Ticket admit() {
        while (true) {
            int current = admitted.get();
            if (current >= capacity) {
                throw new TooManyRequestsException(ProblemCodes.SERVER_BUSY, "the execution queue is full (" + concurrency
                        + " running, " + (capacity - concurrency) + " waiting); try again shortly", Duration.ofSeconds(1), Map.of());
            }
            if (admitted.compareAndSet(current, current + 1)) {
                return admitted::decrementAndGet;
            }
        }
    }

    int concurrency() {
        return concurrency;
    }

    int capacity() {
        return capacity;
    }

    int running() {
        return Math.min(admitted.get(), concurrency);
    }

    int waiting() {
        return Math.max(0, admitted.get() - concurrency);
    }

    @FunctionalInterface
    interface Ticket extends AutoCloseable {
        @Override
        void close();
    }
}
