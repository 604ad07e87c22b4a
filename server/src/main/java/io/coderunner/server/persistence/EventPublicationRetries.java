package io.coderunner.server.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Tries again what a module's listener could not do. A listener that throws leaves its publication
 * in the registry, marked failed; every {@code coderunner.events.retry-interval} (a minute unless
 * set) the failed ones are handed to their listeners again, until each completes. Publications
 * still incomplete when the server stopped are resubmitted when it starts
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}), and one whose attempt
 * never ended (the server died during it) is marked failed once stale
 * ({@code spring.modulith.events.staleness.*}), and so retried here.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class EventPublicationRetries {

    private static final Logger log = LoggerFactory.getLogger(EventPublicationRetries.class);

    private final FailedEventPublications failed;

    EventPublicationRetries(FailedEventPublications failed) {
        this.failed = failed;
    }

    @Scheduled(initialDelayString = "${coderunner.events.retry-interval:1m}", fixedDelayString = "${coderunner.events.retry-interval:1m}")
    void retryFailed() {
        try {
            failed.resubmit(ResubmissionOptions.defaults());
        } catch (RuntimeException e) {
            // The next round tries again; the publications stay in the registry meanwhile.
            log.warn("Could not resubmit failed event publications: {}", e.toString());
        }
    }
}
