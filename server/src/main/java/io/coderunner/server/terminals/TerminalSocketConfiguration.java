package io.coderunner.server.terminals;

import io.coderunner.server.system.SocketCallers;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The terminal module's WebSocket endpoint. */
@Configuration(proxyBeanMethods = false)
class TerminalSocketConfiguration implements WebSocketConfigurer {

    private final TerminalSessions sessions;
    private final SocketCallers callers;
    private final JsonMapper json;

    TerminalSocketConfiguration(TerminalSessions sessions, SocketCallers callers, JsonMapper json) {
        this.sessions = sessions;
        this.callers = callers;
        this.json = json;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new TerminalSocketHandler(sessions, callers, json), "/ccresearch/terminal/*")
                // Any origin: the connection is authenticated by a token the page sends, never by a cookie alone.
                .setAllowedOriginPatterns("*");
    }
}
