package io.coderunner.server.ai;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import io.coderunner.server.security.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the providers of a chain one after the other until one answers. Whatever one fails with
 * (wrong key, 429, 5xx, timeout, unreachable, a malformed answer) the next is asked; the failures
 * are kept for the answer. Each attempt is counted for the user and its source. A stream falls
 * through only while it has sent nothing yet: text already shown cannot be taken back.
 */
@Component
class ProviderCalls {

    private static final Logger log = LoggerFactory.getLogger(ProviderCalls.class);

    private final ChatModels models;
    private final BaseUrls baseUrls;
    private final AiUsage usage;
    private final Duration timeout;
    private final MeterRegistry meters;

    ProviderCalls(ChatModels models, BaseUrls baseUrls, AiUsage usage, AiSettings settings, MeterRegistry meters) {
        this.meters = meters;
        this.models = models;
        this.baseUrls = baseUrls;
        this.usage = usage;
        this.timeout = settings.timeout();
    }

    Answer complete(Caller caller, List<ProviderChain.Entry> chain, Prompt prompt) {
        return run(caller, chain, prompt, null);
    }

    /** As {@link #complete}, with the answer's text also given to {@code tokens} as it arrives. */
    Answer stream(Caller caller, List<ProviderChain.Entry> chain, Prompt prompt, Consumer<String> tokens) {
        return run(caller, chain, prompt, tokens);
    }

    private Answer run(Caller caller, List<ProviderChain.Entry> chain, Prompt prompt, Consumer<String> tokens) {
        if (chain.isEmpty()) {
            throw AiUnavailableException.noProvider();
        }
        List<ProviderFailure> failures = new ArrayList<>();
        for (ProviderChain.Entry entry : chain) {
            if (entry.unusable() != null) {
                failures.add(entry.unusable());
                continue;
            }
            ProviderTarget target = entry.target().withParameters(prompt.temperature(), prompt.maxTokens());
            String refusal = target.userGiven() ? baseUrls.refusal(target.baseUrl()) : null;
            if (refusal != null) {
                failures.add(ProviderFailure.of(target, ProviderFailure.Reason.BLOCKED_ADDRESS, refusal));
                continue;
            }
            Attempt attempt = tokens == null ? ask(target, prompt) : askStreaming(target, prompt, tokens);
            count(target, attempt.failure == null ? "ok" : attempt.failure.reason());
            if (attempt.failure == null) {
                usage.record(caller.userId(), target.source(), true, attempt.inputTokens, attempt.outputTokens);
                return new Answer(attempt.text, target, attempt.inputTokens, attempt.outputTokens, failures);
            }
            usage.record(caller.userId(), target.source(), false, 0, 0);
            log.warn("AI provider {} failed for user {}: {}", target, caller.userId(), attempt.failure.reason());
            failures.add(attempt.failure);
            if (attempt.sentSomething) {
                break;
            }
        }
        throw AiUnavailableException.allFailed(failures);
    }

    /** {@code coderunner_ai_requests_total}: each request to a provider, by provider and outcome (ok or why it failed). */
    private void count(ProviderTarget target, String outcome) {
        meters.counter("coderunner.ai.requests", "provider", target.provider().id(), "outcome", outcome).increment();
    }

    private record Attempt(String text, int inputTokens, int outputTokens, ProviderFailure failure, boolean sentSomething) {
        static Attempt failed(ProviderFailure failure, boolean sentSomething) {
            return new Attempt(null, 0, 0, failure, sentSomething);
        }
    }

    private Attempt ask(ProviderTarget target, Prompt prompt) {
        try {
            return answered(target, models.chat(target).chat(request(prompt)), false);
        } catch (RuntimeException e) {
            return Attempt.failed(ProviderFailure.classify(target, e, timeout), false);
        }
    }

    private Attempt askStreaming(ProviderTarget target, Prompt prompt, Consumer<String> tokens) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        CountDownLatch firstSignal = new CountDownLatch(1);
        AtomicBoolean sent = new AtomicBoolean();
        try {
            models.streaming(target).chat(request(prompt), new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    firstSignal.countDown();
                    if (partial != null && !partial.isEmpty() && !done.isDone()) {
                        sent.set(true);
                        tokens.accept(partial);
                    }
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    firstSignal.countDown();
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    firstSignal.countDown();
                    done.completeExceptionally(error);
                }
            });
            // The first token must come within the timeout; the rest of a long answer may take longer.
            if (!firstSignal.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                done.cancel(false);
                return Attempt.failed(ProviderFailure.timeout(target, timeout), sent.get());
            }
            return answered(target, done.get(timeout.toMillis() * 10, TimeUnit.MILLISECONDS), sent.get());
        } catch (ExecutionException e) {
            return Attempt.failed(ProviderFailure.classify(target, e.getCause(), timeout), sent.get());
        } catch (TimeoutException e) {
            done.cancel(false);
            return Attempt.failed(ProviderFailure.timeout(target, timeout), sent.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed(ProviderFailure.timeout(target, timeout), sent.get());
        } catch (RuntimeException e) {
            return Attempt.failed(ProviderFailure.classify(target, e, timeout), sent.get());
        }
    }

    private static Attempt answered(ProviderTarget target, ChatResponse response, boolean sent) {
        String text = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            return Attempt.failed(ProviderFailure.malformed(target), sent);
        }
        TokenUsage tokens = response.tokenUsage();
        return new Attempt(text, count(tokens == null ? null : tokens.inputTokenCount()),
                count(tokens == null ? null : tokens.outputTokenCount()), null, sent);
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }

    private static ChatRequest request(Prompt prompt) {
        return ChatRequest.builder().messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user())).build();
    }
}
