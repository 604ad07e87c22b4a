package io.coderunner.server.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET / as seed 004 has it: a health answer for clients that look at the root. */
@RestController
@Tag(name = "Administration")
class RootController {

    @GetMapping(path = "/", produces = "application/json")
    @PermitAll
    @Operation(summary = "Health check (seed 004)")
    Map<String, String> root() {
        return Map.of("message", "CodeRunner API is running", "status", "ok");
    }
}
