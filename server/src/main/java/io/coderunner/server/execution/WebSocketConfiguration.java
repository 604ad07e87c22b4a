package io.coderunner.server.execution;

import io.coderunner.server.system.TokenAuthenticator;
import java.util.List;
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
    private final List<TokenAuthenticator> authenticators;
    private final JsonMapper json;

    WebSocketConfiguration(ExecutionService executions, List<TokenAuthenticator> authenticators, JsonMapper json) {
        this.executions = executions;
        this.authenticators = authenticators;
        this.json = json;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new ExecuteSocketHandler(executions, authenticators, json), "/ws/execute")
                // Any origin: the connection is authenticated by a token the page sends, never by a cookie alone.
                .setAllowedOriginPatterns("*");
    }
}
