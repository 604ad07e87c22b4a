package io.coderunner.server.execution;

import io.coderunner.engine.InvalidRunException;
import io.coderunner.engine.OutputFrame;
import io.coderunner.engine.RunResult;
import io.coderunner.server.http.InvalidCredentialsException;
import io.coderunner.server.http.ProblemCodes;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SocketAdmission;
import io.coderunner.server.security.SocketSignIn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WS /ws/execute (seed 002): a run whose output streams to the client as the program writes it and
 * whose input the client types while it runs.
 *
 * <p>Client messages: {@code auth} (a JWT or an API key, when the handshake carried none — a
 * browser of this site's pages is signed in by its session cookie already; see {@link SocketSignIn}),
 * {@code start}, {@code stdin}, {@code eof}, {@code stop}. Server messages: {@code authenticated},
 * {@code started} (with the run's id, which POST /api/execute/stop/{id} also takes), {@code stdout}
 * and {@code stderr} chunks, {@code preview} for HTML, and last {@code result} with the fields of
 * POST /api/execute; {@code error} for a refused message. A client that stops reading cannot make the
 * server buffer without bound: past {@link #BUFFER_LIMIT} bytes waiting for it, output chunks are
 * dropped ({@link Outbox}) and the result says how many bytes ({@code dropped_output_bytes}); the
 * result's stdout and stderr still hold the whole output, within the run's output limit.
 */
class ExecuteSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ExecuteSocketHandler.class);
    static final int BUFFER_LIMIT = 1024 * 1024;
    private static final String CALLER = "caller";
    private static final String RUN = "run";
    private static final String OUT = "out";

    private final ExecutionService executions;
    private final SocketSignIn signIn;
    private final JsonMapper json;

    ExecuteSocketHandler(ExecutionService executions, SocketSignIn signIn, JsonMapper json) {
        this.executions = executions;
        this.signIn = signIn;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.getAttributes().put(OUT, new Outbox(session, BUFFER_LIMIT));
        // A handshake that carried a credential (Authorization header, or the session cookie) is already signed in.
        SocketSignIn.SignedIn signedIn = signIn.fromHandshake(session);
        if (signedIn != null) {
            session.getAttributes().put(CALLER, signedIn.caller());
            signIn.closeWhenExpired(session, signedIn);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(message.getPayload());
        } catch (RuntimeException e) {
            error(session, "malformed message: expected a JSON object with a \"type\"");
            return;
        }
        String type = body.path("type").asString("");
        switch (type) {
            case "auth" -> authenticate(session, body.path("token").asString(""));
            case "start" -> start(session, body);
            case "stdin" -> withRun(session, run -> run.handle().writeStdin(body.path("data").asString("").getBytes(StandardCharsets.UTF_8)));
            case "eof" -> withRun(session, run -> run.handle().closeStdin());
            case "stop" -> withRun(session, run -> run.handle().stop());
            default -> error(session, "unknown message type '" + type + "': expected auth, start, stdin, eof or stop");
        }
    }

    private void authenticate(WebSocketSession session, String token) throws IOException {
        SocketSignIn.SignedIn signedIn;
        try {
            signedIn = signIn.withToken(token);
        } catch (InvalidCredentialsException e) {
            SocketSignIn.close(session, e.getMessage());
            return;
        }
        session.getAttributes().put(CALLER, signedIn.caller());
        signIn.closeWhenExpired(session, signedIn);
        send(session, Map.of("type", "authenticated", "username", signedIn.caller().username()));
    }

    private void start(WebSocketSession session, JsonNode body) throws IOException {
        if (session.getAttributes().get(RUN) instanceof LiveRun running && !running.handle().result().isDone()) {
            error(session, "a run is already going on this connection: stop it or wait for its result");
            return;
        }
        Caller caller = (Caller) session.getAttributes().get(CALLER);
        ExecuteRequest request;
        try {
            request = json.treeToValue(body, ExecuteRequest.class);
        } catch (RuntimeException e) {
            error(session, "malformed start message: " + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        StreamDecoder stdout = new StreamDecoder();
        StreamDecoder stderr = new StreamDecoder();
        outbox(session).startRun();
        LiveRun run;
        try {
            run = executions.startLive(caller, request, frame -> {
                String text = (frame.stream() == OutputFrame.Stream.STDOUT ? stdout : stderr).decode(frame.data());
                if (!text.isEmpty()) {
                    Map<String, Object> chunk = new LinkedHashMap<>();
                    chunk.put("type", frame.stream() == OutputFrame.Stream.STDOUT ? "stdout" : "stderr");
                    chunk.put("data", text);
                    if (frame.stage() == OutputFrame.Stage.COMPILE) {
                        chunk.put("stage", "compile");
                    }
                    outbox(session).offerOutput(json.writeValueAsString(chunk), frame.data().length);
                }
            }, SocketAdmission.addressOf(session));
        } catch (RuntimeException e) {
            // The same code and fields as the HTTP problem, so that the page words the refusal alike.
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("type", "error");
            refusal.putAll(ProblemCodes.describe(e));
            send(session, refusal);
            return;
        }
        session.getAttributes().put(RUN, run);
        if (caller == null) {
            signIn.admitAnonymous(session);
        }
        send(session, Map.of("type", "started", "id", run.id(), "language", run.language().id()));
        run.finished().whenComplete((result, failure) -> finish(session, run, result));
    }

    private void finish(WebSocketSession session, LiveRun run, RunResult result) {
        if (result == null || !session.isOpen()) {
            return;
        }
        try {
            if (result.preview() != null) {
                send(session, Map.of("type", "preview", "id", run.id(), "content", result.preview()));
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("type", "result");
            answer.putAll(json.convertValue(ExecuteResponse.of(run.id(), run.language().id(), run.language().version(), result),
                    Map.class));
            // Output a slow client did not take in time was not sent; the full output is in stdout and stderr.
            answer.put("dropped_output_bytes", outbox(session).droppedBytes());
            send(session, answer);
        } catch (IOException | RuntimeException e) {
            log.debug("could not send the result of run {}: {}", run.id(), e.getMessage());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        signIn.forget(session);
        // A run nobody can see any more is not left running.
        if (session.getAttributes().get(RUN) instanceof LiveRun run) {
            run.handle().stop();
        }
        outbox(session).close();
    }

    private interface RunAction {
        void apply(LiveRun run);
    }

    private void withRun(WebSocketSession session, RunAction action) throws IOException {
        if (session.getAttributes().get(RUN) instanceof LiveRun run && !run.handle().result().isDone()) {
            action.apply(run);
        } else {
            error(session, "no run is going on this connection: send start first");
        }
    }

    private void send(WebSocketSession session, Map<String, Object> message) throws IOException {
        outbox(session).send(json.writeValueAsString(message));
    }

    private static Outbox outbox(WebSocketSession session) {
        return (Outbox) session.getAttributes().get(OUT);
    }

    private void error(WebSocketSession session, String detail) throws IOException {
        send(session, Map.of("type", "error", "code", ProblemCodes.INVALID_REQUEST, "detail", detail == null ? "refused" : detail));
    }
}
