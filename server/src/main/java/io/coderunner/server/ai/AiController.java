package io.coderunner.server.ai;

import io.coderunner.server.http.ProblemCodes;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Code generation (seed 000's {@code /ai/generate-code}) and the assistant (seed 002's
 * {@code /api/ai/assist}, {@code /api/ai/status}). A client that accepts {@code text/event-stream}
 * gets the answer as Server-Sent Events: {@code token} events with the text as it arrives, then one
 * {@code result} event with the whole answer, or an {@code error} event.
 */
@RestController
@Tag(name = "AI")
class AiController {

    private final AiService ai;
    private final ProviderStatus status;
    private final AiSettings settings;

    AiController(AiService ai, ProviderStatus status, AiSettings settings) {
        this.ai = ai;
        this.status = status;
        this.settings = settings;
    }

    @PostMapping("/ai/generate-code")
    @SignedInUser
    @Operation(summary = "Generate code from a prompt with the caller's AI provider",
            description = "prompt, language, optionally the current code (code), config_id, temperature, max_tokens. "
                    + "Answers code and explanation; with Accept: text/event-stream as Server-Sent Events. Takes one of the "
                    + "tier's daily AI requests. The code is never run by the server.")
    AiResult generate(@AuthenticationPrincipal Caller caller, @RequestBody AiRequests.Generate request) {
        return ai.answer(ai.admitGenerate(caller, request));
    }

    @PostMapping(path = "/ai/generate-code", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @SignedInUser
    @Operation(summary = "Generate code, streamed as Server-Sent Events (token, then result or error)")
    SseEmitter generateStream(@AuthenticationPrincipal Caller caller, @RequestBody AiRequests.Generate request) {
        return stream(ai.admitGenerate(caller, request));
    }

    @PostMapping("/api/ai/assist")
    @SignedInUser
    @Operation(summary = "Help with code: fix_error, explain_error, explain_code, optimize_code",
            description = "action, code, language, error (the error output; for fix_error and explain_error). Answers the "
                    + "explanation and, for fix_error and optimize_code, the code; with Accept: text/event-stream as "
                    + "Server-Sent Events. Takes one of the tier's daily AI requests.")
    AiResult assist(@AuthenticationPrincipal Caller caller, @RequestBody AiRequests.Assist request) {
        return ai.answer(ai.admitAssist(caller, request));
    }

    @PostMapping(path = "/api/ai/assist", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @SignedInUser
    @Operation(summary = "Help with code, streamed as Server-Sent Events (token, then result or error)")
    SseEmitter assistStream(@AuthenticationPrincipal Caller caller, @RequestBody AiRequests.Assist request) {
        return stream(ai.admitAssist(caller, request));
    }

    @GetMapping("/api/ai/status")
    @SignedInUser
    @Operation(summary = "The AI providers the caller's requests go to, in order, and whether each can be reached",
            description = "configured: whether any provider is set up at all. connect=false answers at once without trying "
                    + "to reach each provider (reachable is then null), as the editor asks to decide whether to offer AI.")
    Map<String, Object> status(@AuthenticationPrincipal Caller caller,
                               @RequestParam(defaultValue = "true") boolean connect) {
        return status.of(caller, connect);
    }

    @ExceptionHandler(AiUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(AiUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setProperty("code", e.code());
        problem.setProperty("failed_providers", e.failures());
        return ResponseEntity.status(e.status()).body(problem);
    }

    /** Asks on a thread of its own, so the request thread is free while the provider writes. */
    private SseEmitter stream(AiService.Admitted admitted) {
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis() * 11 * admitted.chain().size());
        AtomicBoolean gone = new AtomicBoolean();
        emitter.onCompletion(() -> gone.set(true));
        emitter.onTimeout(() -> gone.set(true));
        emitter.onError(error -> gone.set(true));
        Thread.ofVirtual().name("ai-stream-" + admitted.caller().userId()).start(() -> {
            try {
                AiResult result = ai.stream(admitted, text -> send(emitter, gone, "token", Map.of("text", text)));
                send(emitter, gone, "result", result);
            } catch (AiUnavailableException e) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("status", e.status().value());
                error.put("code", e.code());
                error.put("detail", e.getMessage());
                error.put("failed_providers", e.failures());
                send(emitter, gone, "error", error);
            } catch (RuntimeException e) {
                send(emitter, gone, "error", Map.of("status", HttpStatus.INTERNAL_SERVER_ERROR.value(),
                        "code", ProblemCodes.INTERNAL_ERROR, "detail", "internal error: the server could not complete the request"));
                throw e;
            } finally {
                if (!gone.get()) {
                    emitter.complete();
                }
            }
        });
        return emitter;
    }

    /** Sends one event; a client that has gone away is remembered, and the rest of the answer dropped. */
    private static void send(SseEmitter emitter, AtomicBoolean gone, String name, Object data) {
        if (gone.get()) {
            return;
        }
        try {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            gone.set(true);
        }
    }
}
