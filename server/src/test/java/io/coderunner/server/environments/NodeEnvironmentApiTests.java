package io.coderunner.server.environments;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Node.js environments end to end: the real npm in the sandbox, a registry on loopback, runs that require the package. */
class NodeEnvironmentApiTests extends ServerTest {

    private static LocalNpmRegistry registry;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry properties) throws IOException, InterruptedException {
        registry = new LocalNpmRegistry().add("crnodegreet", "1.0.0").add("crnodegreet", "2.0.0");
        properties.add("coderunner.environments.npm-registry", registry::url);
        properties.add("coderunner.environments.install-timeout-seconds", () -> "120");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void installRequireUpgradeAndUninstall() {
        ApiClient user = newUser("nodeowner");
        JsonNode created = user.postJson("/user-environments", Map.of("name", "web", "language", "node")).json();
        assertThat(created.get("language").asString()).as(created.toString()).isEqualTo("javascript");
        assertThat(created.get("base").asString()).startsWith("nodejs-");

        ApiClient.Response installed = user.postJson("/environments/web/packages/install",
                Map.of("packages", List.of("crnodegreet@1.0.0")));
        assertThat(installed.status()).as(installed.body()).isEqualTo(200);
        assertThat(packages(user, "web")).containsEntry("crnodegreet", "1.0.0");
        assertThat(run(user, "const g = require('crnodegreet');\nconsole.log(g.version);\n")).isEqualTo("1.0.0\n");

        ApiClient.Response upgraded = user.putJson("/environments/web/packages/crnodegreet/upgrade", Map.of());
        assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(200);
        assertThat(run(user, "console.log(require('crnodegreet').version);\n")).isEqualTo("2.0.0\n");
        assertThat(user.get("/environments/web/info").json().get("package_count").asInt()).isEqualTo(1);

        ApiClient.Response removed = user.delete("/environments/web/packages/crnodegreet");
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(packages(user, "web")).isEmpty();
        JsonNode after = user.postJson("/api/execute", Map.of("environment", "web",
                "code", "require('crnodegreet');\n")).json();
        assertThat(after.get("stderr").asString()).contains("Cannot find module 'crnodegreet'");
    }

    @Test
    void npmSpecifiersThatAreNotNamesAndVersionsAreRefused() {
        ApiClient user = newUser("nodesmuggler");
        user.postJson("/user-environments", Map.of("name", "guarded", "language", "javascript"));
        for (String requirement : List.of("--registry=http://127.0.0.1:1/", "-g", "file:../x", "/tmp/x.tgz",
                "git+https://example.com/x.git", "github:user/repo", "https://example.com/x.tgz", "crnodegreet@file:../x",
                "x@npm:other@1")) {
            ApiClient.Response response = user.postJson("/environments/guarded/packages/install",
                    Map.of("packages", List.of(requirement)));
            assertThat(response.status()).as(requirement).isEqualTo(400);
        }
        assertThat(packages(user, "guarded")).isEmpty();
    }

    @Test
    void aPythonRunCannotUseANodeEnvironment() {
        ApiClient user = newUser("nodemixer");
        user.postJson("/user-environments", Map.of("name", "nodeonly", "language", "node"));
        ApiClient.Response response = user.postJson("/api/execute", Map.of("language", "python", "environment", "nodeonly",
                "code", "print(1)\n"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).contains("is a javascript environment");
    }

    private static String run(ApiClient user, String code) {
        ApiClient.Response response = user.postJson("/api/execute", Map.of("language", "javascript", "environment", "web",
                "code", code));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).as(response.body()).isEqualTo("OK");
        return response.json().get("stdout").asString();
    }

    private static Map<String, String> packages(ApiClient user, String environment) {
        ApiClient.Response response = user.get("/environments/" + environment + "/packages");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, String> packages = new LinkedHashMap<>();
        response.json().forEach(p -> packages.put(p.get("name").asString(), p.get("version").asString()));
        return packages;
    }
}
