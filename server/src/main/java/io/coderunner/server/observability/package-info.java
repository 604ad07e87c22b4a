/**
 * What operators watch: health ({@code /health} for load balancers, {@code /health/detailed} for
 * administrators, Spring Boot Actuator's groups under {@code /actuator/health}) and the Prometheus
 * metrics at {@code /actuator/prometheus}, for administrators or a key with the {@code metrics} scope.
 * Each module contributes its own health indicator or meters; this one only serves them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Observability", allowedDependencies = {})
package io.coderunner.server.observability;
