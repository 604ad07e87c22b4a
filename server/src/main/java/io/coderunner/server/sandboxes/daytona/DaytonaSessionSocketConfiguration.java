package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.sandboxes.ProcessSessions;
import io.coderunner.server.sandboxes.SandboxSocketAccess;
import io.coderunner.server.sandboxes.SandboxTerminals;
import io.coderunner.server.security.SocketAdmission;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The Daytona toolbox's sockets for sessions' logs and PTYs. */
@Configuration(proxyBeanMethods = false)
class DaytonaSessionSocketConfiguration implements WebSocketConfigurer {

    private final SandboxSocketAccess access;
    private final JsonMapper json;
    private final ProcessSessions sessions;
    private final SandboxTerminals terminals;
    private final SocketAdmission admission;

    DaytonaSessionSocketConfiguration(SandboxSocketAccess access, JsonMapper json, ProcessSessions sessions,
                                      SandboxTerminals terminals, SocketAdmission admission) {
        this.access = access;
        this.json = json;
        this.sessions = sessions;
        this.terminals = terminals;
        this.admission = admission;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(admission.guard(new DaytonaCommandLogSocket(access, json, sessions)),
                        "/daytona/toolbox/*/process/session/*/command/*/logs")
                .addInterceptors(admission.handshakeLimit())
                .setAllowedOriginPatterns("*");
        registry.addHandler(admission.guard(new DaytonaPtySocket(access, json, terminals)),
                        "/daytona/toolbox/*/process/pty/create-connect", "/daytona/toolbox/*/process/pty/*/connect")
                .addInterceptors(admission.handshakeLimit())
                .setAllowedOriginPatterns("*");
    }
}
