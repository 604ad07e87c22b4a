package io.coderunner.server.ai;

import io.coderunner.server.security.Caller;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Tries one of the caller's configurations with a tiny real request, alone (no fallback to the
 * server's providers), so that a wrong key, model or address is found when it is set up rather
 * than at the first Fix button. The provider's own answer is returned, cut short.
 */
@Component
class ConnectionTest {

    private static final Prompt HELLO = new Prompt("You check that a connection works.", "Reply with the single word OK.",
            0.0, 16, false);
    private static final int REPLY_CHARS = 200;

    private final ProviderChain chains;
    private final ProviderCalls calls;
    private final AiConfigService configs;
    private final Clock clock;

    ConnectionTest(ProviderChain chains, ProviderCalls calls, AiConfigService configs, Clock clock) {
        this.chains = chains;
        this.calls = calls;
        this.configs = configs;
        this.clock = clock;
    }

    /**
     * @param reason  null when it answered; else why not (wrong_key, unreachable, model_not_found, ...)
     * @param detail  what the provider or the network said
     */
    record Result(boolean ok, String provider, String model, String reply, String reason, String detail, long latencyMs) {
    }

    Result run(Caller caller, long configId) {
        AiConfig config = configs.require(caller, configId);
        List<ProviderChain.Entry> alone = List.of(chains.entry(config));
        long start = clock.millis();
        try {
            Answer answer = calls.complete(caller, alone, HELLO);
            String reply = answer.text() == null ? "" : answer.text().strip();
            return new Result(true, config.provider().id(), config.modelName(),
                    reply.length() > REPLY_CHARS ? reply.substring(0, REPLY_CHARS) : reply, null,
                    "answered in " + (clock.millis() - start) + " ms", clock.millis() - start);
        } catch (AiUnavailableException e) {
            ProviderFailure failure = e.failures().isEmpty() ? null : e.failures().get(0);
            return new Result(false, config.provider().id(), config.modelName(), null,
                    failure == null ? "unavailable" : failure.reason(), failure == null ? e.getMessage() : failure.message(),
                    clock.millis() - start);
        }
    }
}
