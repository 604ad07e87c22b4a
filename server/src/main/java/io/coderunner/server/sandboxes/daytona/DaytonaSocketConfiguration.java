package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.sandboxes.SandboxStateChanged;
import io.coderunner.server.security.SocketAdmission;
import io.coderunner.server.security.SocketSignIn;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Daytona event channel's endpoint ({@code /daytona/api/socket.io/?EIO=4&transport=websocket}),
 * its heartbeat, and the sandboxes' changes of state it pushes.
 */
@Configuration(proxyBeanMethods = false)
class DaytonaSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = DaytonaUrls.API + "/socket.io";

    private final DaytonaEventSocket events;
    private final SocketAdmission admission;
    private final DaytonaUrls urls;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("daytona-heartbeat").daemon().factory());

    DaytonaSocketConfiguration(SocketSignIn signIn, JsonMapper json, Clock clock, SocketAdmission admission, DaytonaUrls urls) {
        this.events = new DaytonaEventSocket(signIn, json, clock);
        this.admission = admission;
        this.urls = urls;
        heartbeat.scheduleWithFixedDelay(events::heartbeat, DaytonaEventSocket.PING_INTERVAL_MS, DaytonaEventSocket.PING_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(admission.guard(events), PATH, PATH + "/")
                .addInterceptors(admission.handshakeLimit(), new EngineIoHandshake())
                // Programs, not pages, use this channel; its key comes in the connect packet, never from a cookie.
                .setAllowedOriginPatterns("*");
    }

    @EventListener
    void on(SandboxStateChanged change) {
        events.push(change);
    }

    @PreDestroy
    void stop() {
        heartbeat.shutdownNow();
    }

    /**
     * Only engine.io's protocol 4 over WebSocket is spoken (what socket.io-client 4 sends); and the
     * toolbox URL of the sandboxes pushed is the one the client reached this server at.
     */
    private final class EngineIoHandshake implements HandshakeInterceptor {
        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                       Map<String, Object> attributes) {
            Map<String, String> query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().toSingleValueMap();
            if (!"4".equals(query.get("EIO")) || !"websocket".equals(query.get("transport"))) {
                response.setStatusCode(HttpStatus.BAD_REQUEST);
                return false;
            }
            if (request instanceof ServletServerHttpRequest servlet) {
                attributes.put(DaytonaEventSocket.TOOLBOX_URL, urls.toolbox(servlet.getServletRequest()));
            }
            return true;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {
        }
    }
}
