package io.coderunner.server.sandboxes;

import static io.coderunner.server.sandboxes.SandboxTesting.create;
import static io.coderunner.server.sandboxes.SandboxTesting.stdout;
import static io.coderunner.server.sandboxes.SandboxTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A started sandbox's files over real HTTP, native and Daytona routes, with a real process on the other side. */
class SandboxFileEndpointTests extends ServerTest {

    @Test
    void anUploadedFileIsSeenAndWrittenByTheSandboxsProcesses() {
        ApiClient owner = newUser(uniqueName("sbx-files-owner"));
        String id = create(owner, Map.of()).get("id").asString();

        ApiClient.Response uploaded = owner.postMultipart("/sandboxes/" + id + "/files/upload", "file", "hello.txt", "text/plain",
                "hi from the host\n".getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().get("files").get(0).get("path").asString()).isEqualTo("/home/user/hello.txt");

        assertThat(stdout(owner, id, "cat hello.txt && echo more >> hello.txt && cat /home/user/hello.txt"))
                .isEqualTo("hi from the host\nhi from the host\nmore\n");

        JsonNode listing = owner.get("/sandboxes/" + id + "/files?path=/home/user").json();
        assertThat(listing.get("files").findValuesAsString("name")).contains("hello.txt");
        ApiClient.Response download = owner.get("/sandboxes/" + id + "/files/download?path=" + q("/home/user/hello.txt"));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("hi from the host\nmore\n");
        assertThat(owner.get("/sandboxes/" + id + "/files/download?path=/home/user").status()).isEqualTo(400);

        ApiClient stranger = newUser(uniqueName("sbx-files-stranger"));
        assertThat(stranger.get("/sandboxes/" + id + "/files?path=/home/user").status()).isEqualTo(404);
        assertThat(stranger.get("/daytona/toolbox/" + id + "/files?path=/home/user").status()).isEqualTo(404);
    }

    @Test
    void aLinkAProcessPlantedLeadsNoEndpointOutside() {
        ApiClient owner = newUser(uniqueName("sbx-files-links"));
        String id = create(owner, Map.of()).get("id").asString();
        stdout(owner, id, "ln -s /etc/passwd /home/user/p && ln -s /etc /home/user/etc && echo ok");

        String base = "/sandboxes/" + id + "/files";
        assertThat(owner.get(base + "/download?path=p").status()).isEqualTo(400);
        assertThat(owner.get(base + "/download?path=etc/passwd").status()).isEqualTo(404);
        JsonNode info = owner.get(base + "/info?path=p").json();
        assertThat(info.get("type").asString()).isEqualTo("link");
        assertThat(info.get("is_dir").asBoolean()).isFalse();
        assertThat(owner.get(base + "?path=etc").status()).isEqualTo(400);
        assertThat(owner.get(base + "/search?path=/home/user&query=root:").json().get("matches")).isEmpty();
        assertThat(owner.postJson(base + "/move", Map.of("source", "etc/passwd", "destination", "stolen")).status()).isEqualTo(404);
        assertThat(owner.postJson(base + "/move", Map.of("source", "p", "destination", "q")).status()).isEqualTo(200);
        assertThat(owner.delete(base + "?path=q").status()).isEqualTo(204);
        assertThat(owner.delete(base + "?path=etc/passwd").status()).isEqualTo(404);
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/etc/passwd"))).isTrue();
        assertThat(stdout(owner, id, "ls /home/user")).isEqualTo("etc\n");
    }

    @Test
    void daytonasBulkRoutesUploadAndDownloadByPath() {
        ApiClient owner = newUser(uniqueName("sbx-files-daytona"));
        String id = create(owner, Map.of()).get("id").asString();
        String boundary = "b" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files[0].path\"\r\n\r\n/home/user/d/one.txt\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files[0].file\"; filename=\"/home/user/d/one.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nONE\r\n--" + boundary + "--\r\n";
        ApiClient.Response uploaded = owner.send(owner.request("/daytona/toolbox/" + id + "/files/bulk-upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);

        ApiClient.Response downloaded = owner.postJson("/daytona/toolbox/" + id + "/files/bulk-download",
                Map.of("paths", List.of("/home/user/d/one.txt", "/home/user/missing")));
        assertThat(downloaded.status()).isEqualTo(200);
        assertThat(downloaded.header("Content-Type")).matches("multipart/form-data; ?boundary=.+");
        assertThat(downloaded.body()).contains("name=\"file\"; filename=\"/home/user/d/one.txt\"", "\r\n\r\nONE\r\n",
                "name=\"error\"; filename=\"/home/user/missing\"", "\"code\":\"FILE_NOT_FOUND\"", "\"statusCode\":404");

        JsonNode listed = owner.get("/daytona/toolbox/" + id + "/files?path=" + q("/home/user/d")).json();
        assertThat(listed.get(0).get("name").asString()).isEqualTo("one.txt");
        assertThat(listed.get(0).get("isDir").asBoolean()).isFalse();
        assertThat(listed.get(0).get("modTime").asString()).isNotBlank();
        assertThat(stdout(owner, id, "cat d/one.txt")).isEqualTo("ONE");
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
