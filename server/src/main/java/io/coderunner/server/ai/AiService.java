package io.coderunner.server.ai;

import io.coderunner.server.accounts.Quotas;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.security.Caller;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * Code generation and the assistant's actions: checks the request, takes one of the caller's
 * daily AI requests, asks the provider chain and splits the answer into code and explanation.
 */
@Service
class AiService {

    private final ProviderChain chains;
    private final ProviderCalls calls;
    private final AiConfigService configs;
    private final Quotas quotas;

    AiService(ProviderChain chains, ProviderCalls calls, AiConfigService configs, Quotas quotas) {
        this.chains = chains;
        this.calls = calls;
        this.configs = configs;
        this.quotas = quotas;
    }

    /** A request checked and admitted, ready to be asked (at once, or on a streaming thread). */
    record Admitted(Caller caller, Prompts.Action action, String language, Prompt prompt, List<ProviderChain.Entry> chain) {
    }

    Admitted admitGenerate(Caller caller, AiRequests.Generate request) {
        Prompt prompt = Prompts.generate(request);
        return admit(caller, Prompts.Action.GENERATE_CODE, request.language(), prompt, request.configId());
    }

    Admitted admitAssist(Caller caller, AiRequests.Assist request) {
        Prompts.Action action = Prompts.Action.assist(request.action());
        Prompt prompt = Prompts.assist(action, request);
        return admit(caller, action, request.language(), prompt, request.configId());
    }

    AiResult answer(Admitted a) {
        return result(a, calls.complete(a.caller(), a.chain(), a.prompt()));
    }

    AiResult stream(Admitted a, Consumer<String> tokens) {
        return result(a, calls.stream(a.caller(), a.chain(), a.prompt(), tokens));
    }

    private Admitted admit(Caller caller, Prompts.Action action, String language, Prompt prompt, Long configId) {
        checkParameters(prompt);
        AiConfig chosen = configId == null ? null : configs.require(caller, configId);
        List<ProviderChain.Entry> chain = chains.of(caller, chosen);
        if (chain.isEmpty()) {
            throw AiUnavailableException.noProvider();
        }
        quotas.take(caller, Quotas.Kind.AI_REQUESTS);
        return new Admitted(caller, action, language == null || language.isBlank() ? null : language.strip(), prompt, chain);
    }

    private static void checkParameters(Prompt prompt) {
        if (prompt.temperature() != null && (prompt.temperature().isNaN() || prompt.temperature() < 0
                || prompt.temperature() > 2)) {
            throw new BadRequestException("temperature must be between 0 and 2, was "
                    + prompt.temperature());
        }
        if (prompt.maxTokens() != null && (prompt.maxTokens() < 1 || prompt.maxTokens() > 200_000)) {
            throw new BadRequestException("max_tokens must be between 1 and 200000, was "
                    + prompt.maxTokens());
        }
    }

    private static AiResult result(Admitted a, Answer answer) {
        AnswerParts parts = AnswerParts.of(answer.text(), a.prompt().expectsCode());
        ProviderTarget t = answer.target();
        return new AiResult(a.action().id, a.language(), parts.code(), parts.explanation(), t.provider().id(), t.name(),
                t.model(), answer.inputTokens(), answer.outputTokens(), answer.failed());
    }
}
