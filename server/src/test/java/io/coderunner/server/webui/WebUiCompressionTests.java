package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.brotli.dec.BrotliInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a browser on a slow link is sent: the UI's files compressed at build time (brotli when it takes
 * brotli, else gzip, else the file itself), kept for good when their names carry their hash, and the
 * API's larger JSON answers gzipped. Over real HTTP (java.net.http, which decodes nothing by itself).
 * That a stream of events is not compressed is checked where one is made, in AiGenerationTests.
 */
@DatabaseAgnostic
class WebUiCompressionTests extends ServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The page's main script, as index.html names it. */
    private String mainScript() throws Exception {
        String page = new String(get("/app/", "identity").body(), StandardCharsets.UTF_8);
        Matcher script = Pattern.compile("src=\"(/app/assets/[^\"]+\\.js)\"").matcher(page);
        assertThat(script.find()).as(page).isTrue();
        return script.group(1);
    }

    private static byte[] brotli(byte[] bytes) throws IOException {
        try (InputStream in = new BrotliInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aScriptComesAsBrotliToABrowserThatTakesItAndDecodesToTheFile() throws Exception {
        String script = mainScript();
        HttpResponse<byte[]> plain = get(script, "identity");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(header(plain, "Content-Encoding")).isNull();
        assertThat(header(plain, "Vary")).containsIgnoringCase("Accept-Encoding");

        // Chromium's own header: brotli is preferred over gzip when both are taken.
        HttpResponse<byte[]> br = get(script, "gzip, deflate, br, zstd");
        assertThat(br.statusCode()).isEqualTo(200);
        assertThat(header(br, "Content-Encoding")).isEqualTo("br");
        assertThat(header(br, "Vary")).containsIgnoringCase("Accept-Encoding");
        assertThat(header(br, "Content-Type")).contains("javascript");
        assertThat(br.body().length).as("brotli shrinks a script to well under half").isLessThan(plain.body().length / 2);
        assertThat(brotli(br.body())).isEqualTo(plain.body());
    }

    @Test
    void aScriptComesAsGzipToABrowserThatTakesOnlyGzip() throws Exception {
        String script = mainScript();
        byte[] plain = get(script, null).body();
        HttpResponse<byte[]> gz = get(script, "gzip");
        assertThat(header(gz, "Content-Encoding")).isEqualTo("gzip");
        assertThat(header(gz, "Vary")).containsIgnoringCase("Accept-Encoding");
        assertThat(gz.body().length).isLessThan(plain.length / 2);
        assertThat(gunzip(gz.body())).isEqualTo(plain);
        // Brotli refused in so many words is not sent either.
        assertThat(header(get(script, "br;q=0, gzip"), "Content-Encoding")).isEqualTo("gzip");
    }

    @Test
    void hashedFilesAreKeptForGoodAndThePageIsCheckedEveryTime() throws Exception {
        String script = mainScript();
        for (String encoding : new String[] {"br", "gzip", "identity"}) {
            assertThat(header(get(script, encoding), "Cache-Control").split(",\\s*")).as(encoding)
                    .containsExactlyInAnyOrder("public", "max-age=31536000", "immutable");
        }
        for (String route : new String[] {"/app/", "/app/editor", "/app/index.html"}) {
            HttpResponse<byte[]> page = get(route, "br");
            assertThat(page.statusCode()).as(route).isEqualTo(200);
            assertThat(header(page, "Cache-Control")).as(route).isEqualTo("no-cache");
            assertThat(header(page, "Content-Encoding")).as(route).isEqualTo("br");
            assertThat(new String(brotli(page.body()), StandardCharsets.UTF_8)).as(route).contains("<div id=\"root\"></div>");
        }
    }

    @Test
    void aLargeJsonListIsGzipped() throws Exception {
        HttpResponse<byte[]> plain = get("/api/languages", null);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(header(plain, "Content-Encoding")).isNull();
        assertThat(plain.body().length).as("large enough to be worth compressing").isGreaterThan(1024);

        HttpResponse<byte[]> gz = get("/api/languages", "gzip, deflate, br");
        assertThat(gz.statusCode()).isEqualTo(200);
        assertThat(header(gz, "Content-Encoding")).isEqualTo("gzip");
        assertThat(header(gz, "Content-Type")).contains("application/json");
        assertThat(gz.body().length).isLessThan(plain.body().length / 2);
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(gunzip(gz.body()))).isEqualTo(json.readTree(plain.body()));
    }
}
