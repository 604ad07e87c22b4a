package io.coderunner.server.execution;

import io.coderunner.engine.OutputListener;
import io.coderunner.engine.Sandbox;
import io.coderunner.engine.SandboxInfo;
import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.LanguageRegistry;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.coderunner.server.system.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The execution API of seed 002: run code, and what languages and templates there are. */
@RestController
@Tag(name = "Execution")
class ExecutionController {

    private final ExecutionService executions;
    private final LanguageRegistry languages;
    private final ExecutionQueue queue;
    private final Sandbox sandbox;
    private final RunCallbacks callbacks;

    ExecutionController(ExecutionService executions, LanguageRegistry languages, ExecutionQueue queue, Sandbox sandbox,
                        RunCallbacks callbacks) {
        this.executions = executions;
        this.languages = languages;
        this.queue = queue;
        this.sandbox = sandbox;
        this.callbacks = callbacks;
    }

    @KeyScope("execute")
    @PostMapping("/api/execute")
    @PermitAll
    @Operation(summary = "Run code and wait for the result")
    ResponseEntity<?> execute(@AuthenticationPrincipal Caller caller, @RequestBody ExecuteRequest request,
                               HttpServletRequest http) {
        if (request != null && request.callbackUrl() != null && !Boolean.FALSE.equals(request.waitForResult())) {
            throw new BadRequestException("callback_url is for runs started with \"wait\": false");
        }
        if (request != null && Boolean.FALSE.equals(request.waitForResult())) {
            URI callback = request.callbackUrl() == null ? null : callbacks.check(request.callbackUrl());
            LiveRun run = executions.startLive(caller, request, OutputListener.NONE, false, ClientAddress.of(http));
            if (callback != null) {
                run.finished().thenAccept(result -> executions.state(run.id(), caller)
                        .filter(state -> !state.running())
                        .ifPresent(state -> callbacks.deliver(callback, state.result())));
            }
            return ResponseEntity.accepted().body(Map.of("id", run.id(), "status", "RUNNING",
                    "status_url", "/api/executions/" + run.id()));
        }
        return ResponseEntity.ok(run(caller, request, ClientAddress.of(http)));
    }

    @KeyScope("execute")
    @GetMapping("/api/executions/{id}")
    @PermitAll
    @Operation(summary = "A run started with \"wait\": false: RUNNING, or its result (kept 30 minutes)")
    Object state(@AuthenticationPrincipal Caller caller, @PathVariable("id") String id) {
        RunRegistry.State state = executions.state(id, caller)
                .orElseThrow(() -> new NotFoundException("no run " + id + " (unknown, expired, or not yours)"));
        return state.running() ? Map.of("id", id, "status", "RUNNING") : state.result();
    }

    private ExecuteResponse run(Caller caller, ExecuteRequest request, String address) {
        if (caller != null) {
            // Signed in: the caller's tier and quota apply, and the run is kept in their history.
            return ExecuteResponse.of(executions.executeAs(caller, request, null), languages);
        }
        return executions.executeAnonymous(request, address).toResponse();
    }

    @KeyScope("execute")
    @PostMapping("/api/execute/stop/{id}")
    @PermitAll
    @Operation(summary = "Stop a run going on now (its final status is KILLED); a user's run only by that user or an administrator")
    Map<String, String> stop(@AuthenticationPrincipal Caller caller, @PathVariable("id") String id) {
        if (!executions.stop(id, caller)) {
            throw new NotFoundException("no run " + id + " is going on (it ended, or it is not yours)");
        }
        return Map.of("id", id, "status", "stopping");
    }

    @GetMapping("/api/languages")
    @PermitAll
    @Operation(summary = "Languages this server runs, with their versions")
    List<LanguageView> languages() {
        return languages.all().stream().map(LanguageView::of).toList();
    }

    @GetMapping("/api/templates")
    @PermitAll
    @Operation(summary = "A starting program for every language")
    Map<String, TemplateView> templates() {
        Map<String, TemplateView> templates = new LinkedHashMap<>();
        languages.all().forEach(language -> templates.put(language.id(), TemplateView.of(language)));
        return templates;
    }

    @GetMapping("/api/templates/{lang}")
    @PermitAll
    @Operation(summary = "The starting program of one language")
    TemplateView template(@PathVariable("lang") String lang) {
        return languages.find(lang).map(TemplateView::of)
                .orElseThrow(() -> new NotFoundException("no template for unknown language '" + lang + "'"));
    }

    @GetMapping("/api/status")
    @PermitAll
    @Operation(summary = "Engine, queue and languages of this server")
    StatusView status() {
        SandboxInfo info = sandbox.info();
        return new StatusView("ok",
                new StatusView.Engine(info.runtime(), info.cgroups(), info.isolated(), info.slots()),
                new StatusView.Queue(queue.concurrency(), queue.capacity() - queue.concurrency(), queue.running(), queue.waiting()),
                languages.all().stream().map(l -> new StatusView.LanguageVersion(l.id(), l.version())).toList());
    }

    record LanguageView(String id, String name, String version, List<String> aliases, List<String> extensions,
                        String fileName, boolean compiled, boolean preview) {
        static LanguageView of(Language l) {
            return new LanguageView(l.id(), l.name(), l.version(), l.aliases(), l.extensions(), l.mainFile(), l.compiled(), l.preview());
        }
    }

    record TemplateView(String language, String fileName, String code) {
        static TemplateView of(Language l) {
            return new TemplateView(l.id(), l.mainFile(), l.template());
        }
    }

    record StatusView(String status, Engine engine, Queue queue, List<LanguageVersion> languages) {
        record Engine(String runtime, String cgroups, boolean isolated, int slots) {
        }

        record Queue(int concurrency, int queueLength, int running, int waiting) {
        }

        record LanguageVersion(String id, String version) {
        }
    }
}
