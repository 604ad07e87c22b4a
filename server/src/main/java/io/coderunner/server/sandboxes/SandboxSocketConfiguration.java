package io.coderunner.server.sandboxes;

import io.coderunner.server.security.SocketAdmission;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The native sockets into sandboxes: terminals, and commands' logs followed live. */
@Configuration(proxyBeanMethods = false)
class SandboxSocketConfiguration implements WebSocketConfigurer {

    private final SandboxSocketAccess access;
    private final JsonMapper json;
    private final ProcessSessions sessions;
    private final SandboxTerminals terminals;
    private final SocketAdmission admission;

    SandboxSocketConfiguration(SandboxSocketAccess access, JsonMapper json, ProcessSessions sessions, SandboxTerminals terminals,
                               SocketAdmission admission) {
        this.access = access;
        this.json = json;
        this.sessions = sessions;
        this.terminals = terminals;
        this.admission = admission;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(admission.guard(new PtySocket(access, json, terminals)), "/sandboxes/*/pty")
                .addInterceptors(admission.handshakeLimit())
                // Any origin; a session cookie signs a connection in only when the page is of this site (SocketSignIn).
                .setAllowedOriginPatterns("*");
        registry.addHandler(admission.guard(new CommandLogSocket(access, json, sessions)),
                        "/sandboxes/*/process/sessions/*/commands/*/logs")
                .addInterceptors(admission.handshakeLimit())
                .setAllowedOriginPatterns("*");
    }
}
