package io.coderunner.server.execution;

import io.coderunner.server.security.SocketAdmission;
import io.coderunner.server.security.SocketSignIn;
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
    private final SocketSignIn signIn;
    private final JsonMapper json;
    private final SocketAdmission admission;

    WebSocketConfiguration(ExecutionService executions, SocketSignIn signIn, JsonMapper json, SocketAdmission admission) {
        this.admission = admission;
        this.executions = executions;
        this.signIn = signIn;
        this.json = json;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(admission.guard(new ExecuteSocketHandler(executions, signIn, json)), "/ws/execute")
                // Any origin, as programs and other sites' pages may run code too; a session cookie signs a
                // connection in only when the page is of this site (SocketSignIn).
                .addInterceptors(admission.handshakeLimit())
                .setAllowedOriginPatterns("*");
    }
}
