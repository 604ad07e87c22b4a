package io.coderunner.server.observability;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 003's health endpoints on Actuator's health checks (the database, the sandbox — by running a
 * program in it — and the data directory's free disk). {@code /health} is public and says only
 * whether the server can serve: 200 {"status":"ok"}, or 503 {"status":"unavailable"} when a check
 * fails, so a load balancer takes the server out. {@code /health/detailed} shows each check with its
 * details, to administrators.
 */
@RestController
class HealthController {

    private final HealthEndpoint health;

    HealthController(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping("/health")
    @PermitAll
    @Operation(summary = "Health check", description = "200 {\"status\":\"ok\"} when the database, the sandbox and the "
            + "data directory's disk can serve; 503 {\"status\":\"unavailable\"} when one cannot")
    ResponseEntity<Map<String, String>> health() {
        boolean up = serving(health.health().getStatus());
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("status", up ? "ok" : "unavailable"));
    }

    @GetMapping("/health/detailed")
    @PreAuthorize("hasRole('ADMIN') and !hasRole('API_KEY')")
    @Operation(summary = "Each health check with its details (administrators)")
    ResponseEntity<Map<String, Object>> detailed() {
        HealthDescriptor all = health.health();
        return ResponseEntity.status(serving(all.getStatus()) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(view(all));
    }

    private static boolean serving(Status status) {
        return !Status.DOWN.equals(status) && !Status.OUT_OF_SERVICE.equals(status);
    }

    /** Actuator's descriptors as plain JSON: status, then each component's own. */
    private static Map<String, Object> view(HealthDescriptor descriptor) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", descriptor.getStatus().getCode());
        if (descriptor instanceof CompositeHealthDescriptor composite && composite.getComponents() != null) {
            Map<String, Object> components = new LinkedHashMap<>();
            composite.getComponents().forEach((name, component) -> components.put(name, view(component)));
            view.put("components", components);
        } else if (descriptor instanceof IndicatedHealthDescriptor indicated && indicated.getDetails() != null
                && !indicated.getDetails().isEmpty()) {
            view.put("details", indicated.getDetails());
        }
        return view;
    }
}
