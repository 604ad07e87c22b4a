package io.coderunner.server.terminals;

import io.coderunner.server.security.SocketAdmission;
import io.coderunner.server.security.SocketSignIn;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The terminal module's WebSocket endpoint. */
@Configuration(proxyBeanMethods = false)
class TerminalSocketConfiguration implements WebSocketConfigurer {

    private final TerminalSessions sessions;
    private final SocketSignIn signIn;
    private final JsonMapper json;
    private final SocketAdmission admission;

    TerminalSocketConfiguration(TerminalSessions sessions, SocketSignIn signIn, JsonMapper json, SocketAdmission admission) {
        this.admission = admission;
        this.sessions = sessions;
        this.signIn = signIn;
        this.json = json;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(admission.guard(new TerminalSocketHandler(sessions, signIn, json)), "/ccresearch/terminal/*")
                // Any origin; a session cookie signs a connection in only when the page is of this site (SocketSignIn).
                .addInterceptors(admission.handshakeLimit())
                .setAllowedOriginPatterns("*");
    }
}
