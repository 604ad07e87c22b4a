package io.coderunner.server.system;

import jakarta.annotation.security.PermitAll;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness for load balancers and scripts: answers once the server takes work. */
@RestController
class HealthController {

    @GetMapping("/health")
    @PermitAll
    @Operation(summary = "Health check", description = "200 {\"status\":\"ok\"} once the server can take work")
    Map<String, String> health() {
        return Map.of("status", "ok");
    }
}
