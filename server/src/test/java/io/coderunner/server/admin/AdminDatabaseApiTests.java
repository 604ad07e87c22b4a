package io.coderunner.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import io.coderunner.server.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The database's facts, its export while running, and an import that is checked before it replaces anything. */
class AdminDatabaseApiTests extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theRootAnswersLikeSeed004() {
        ApiClient.Response root = api.send(api.request("/").header("Accept", "application/json").GET());
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.json().get("status").asString()).isEqualTo("ok");
    }

    @Test
    void infoNamesTheEngineTheMigrationAndTheRowsOfEachTable() {
        JsonNode info = admin().get("/admin/database/info").json();
        assertThat(info.get("engine").asString()).isEqualTo(TestDatabase.postgresql() ? "postgresql" : "sqlite");
        assertThat(info.get("migration_version").asString()).isNotBlank();
        assertThat(info.get("size_bytes").asLong()).isPositive();
        assertThat(info.get("tables").get("users").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(info.get("tables").has("flyway_schema_history")).isFalse();
        assertThat(newUser("nosy").get("/admin/database/info").status()).isEqualTo(403);
    }

    @Test
    void exportWipeAndImportRestoresEveryRow() {
        ApiClient admin = admin();
        ApiClient kept = newUser("roundtrip");
        kept.postJson("/execute", Map.of("language", "bash", "code", "echo kept"));
        kept.postJson("/api-keys", Map.of("key_name", "kept-key"));
        List<Map<String, Object>> usersBefore = table("users");
        List<Map<String, Object>> runsBefore = table("code_executions");
        List<Map<String, Object>> keysBefore = table("api_keys");

        byte[] export = download(admin);
        assertThat(export.length).isPositive();
        if (!TestDatabase.postgresql()) {
            assertThat(new String(Arrays.copyOf(export, 15), StandardCharsets.US_ASCII)).isEqualTo("SQLite format 3");
        }

        long keptId = kept.get("/users/me").json().get("id").asLong();
        assertThat(admin.delete("/admin/users/" + keptId).status()).isEqualTo(200);
        newUser("after-export");
        assertThat(table("code_executions")).hasSize(runsBefore.size() - 1);

        ApiClient.Response imported = upload(admin, export, TestDatabase.postgresql() ? "export.json" : "export.db");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("backup").asString()).startsWith("before-import-");

        assertThat(table("users")).isEqualTo(usersBefore);
        assertThat(table("code_executions")).isEqualTo(runsBefore);
        assertThat(table("api_keys")).isEqualTo(keysBefore);
        assertThat(api.postJson("/login", Map.of("username", "roundtrip", "password", "password-roundtrip-1")).status()).isEqualTo(200);
        assertThat(api.postJson("/login", Map.of("username", "after-export", "password", "password-after-export-1")).status())
                .isEqualTo(401);
        // New rows go on from the imported ids.
        assertThat(newUser("after-import").get("/users/me").status()).isEqualTo(200);
    }

    @Test
    void aTruncatedOrForeignFileIsRefusedAndChangesNothing() {
        ApiClient admin = admin();
        newUser("unchanged");
        byte[] export = download(admin);
        List<Map<String, Object>> usersBefore = table("users");

        ApiClient.Response truncated = upload(admin, Arrays.copyOf(export, export.length / 2), "half");
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.detail()).isNotBlank();
        ApiClient.Response foreign = upload(admin, "PK\3\4 not a database".getBytes(StandardCharsets.US_ASCII), "x.zip");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.detail()).contains("neither a SQLite database nor a CodeRunner JSON export");
        ApiClient.Response wrongVersion = upload(admin, ("{\"format\":\"coderunner-dump\",\"migration_version\":\"0\",\"tables\":{}}")
                .getBytes(StandardCharsets.UTF_8), "old.json");
        assertThat(wrongVersion.status()).isEqualTo(400);
        assertThat(wrongVersion.detail()).contains("migration");

        assertThat(table("users")).isEqualTo(usersBefore);
    }

    private List<Map<String, Object>> table(String name) {
        return jdbc.sql("SELECT * FROM " + name + " ORDER BY id").query().listOfRows();
    }

    private static byte[] download(ApiClient admin) {
        HttpResponse<byte[]> response = send(admin, admin.request("/admin/database/export").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains("coderunner-");
        return response.body();
    }

    private static ApiClient.Response upload(ApiClient admin, byte[] content, String fileName) {
        String boundary = "----coderunner" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return admin.send(admin.request("/admin/database/import").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static HttpResponse<byte[]> send(ApiClient client, HttpRequest.Builder request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
