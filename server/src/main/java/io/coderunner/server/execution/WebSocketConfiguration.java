package io.coderunner.server.execution;

import io.coderunner.server.system.SocketCallers;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The execution module's WebSocket endpoint. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final ExecutionService executions;
    private final SocketCallers callers;
    private final JsonMapper json;

    WebSocketConfiguration(ExecutionService executions, SocketCallers callers, JsonMapper json) {
        this.executions = executions;
        this.callers = callers;
        this.json = json;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new ExecuteSocketHandler(executions, callers, json), "/ws/execute")
                // Any origin: the connection is authenticated by a token the page sends, never by a cookie alone.
                .setAllowedOriginPatterns("*");
    }
}
