package io.coderunner.server.execution;

import io.coderunner.server.system.TooManyRequestsException;
import java.time.Duration;
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
    private final AtomicInteger admitted = new AtomicInteger();

    ExecutionQueue(SandboxSettings settings) {
        this.concurrency = settings.slots();
        this.capacity = settings.slots() + settings.queueLength();
    }

    /** A place in the queue, to be closed when the run ends; refused when the queue is full. */
    Ticket admit() {
        while (true) {
            int current = admitted.get();
            if (current >= capacity) {
                throw new TooManyRequestsException("the execution queue is full (" + concurrency + " running, "
                        + (capacity - concurrency) + " waiting); try again shortly", Duration.ofSeconds(1));
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
