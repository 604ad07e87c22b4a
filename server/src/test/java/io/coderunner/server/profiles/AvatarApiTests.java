package io.coderunner.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import io.coderunner.server.system.CodeRunnerSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Uploading, serving, replacing and deleting avatars, and the uploads and names that are refused. */
class AvatarApiTests extends ServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    CodeRunnerSettings settings;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aPngIsStoredAndServedToAnyoneAsPng() throws IOException {
        ApiClient user = newUser("avatar-png");
        ApiClient.Response uploaded = user.postMultipart("/profile/upload-avatar", "file", "me.png", "image/png",
                Avatars.png(64, 48));

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.json().get("message").asString()).isNotBlank();
        String url = uploaded.json().get("avatar_url").asString();
        assertThat(url).matches("/api/avatars/[a-f0-9]{32}\\.png");
        assertThat(user.get("/profile").json().get("avatar_url").asString()).isEqualTo(url);

        HttpResponse<byte[]> served = fetch(url);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.headers().firstValue("Cache-Control").orElse("")).contains("max-age");
        BufferedImage image = Avatars.read(served.body());
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
        assertThat(Files.exists(avatarDir().resolve(url.substring(url.lastIndexOf('/') + 1)))).isTrue();
        assertThat(user.get("/profile/logs?action=upload_avatar").body()).contains("upload_avatar");
    }

    @Test
    void jpegAndGifAreStoredAsPngAndLargeImagesScaledDown() {
        ApiClient user = newUser("avatar-formats");
        // The declared type and name do not matter, only the bytes.
        String jpeg = upload(user, "photo.gif", "application/octet-stream", Avatars.jpeg(100, 80));
        assertThat(jpeg).endsWith(".png");
        assertThat(Avatars.read(fetch(jpeg).body()).getWidth()).isEqualTo(100);

        String gif = upload(user, "anim.gif", "image/gif", Avatars.gif(30, 30));
        assertThat(gif).endsWith(".png");
        assertThat(fetch(gif).headers().firstValue("Content-Type")).hasValue("image/png");

        String large = upload(user, "big.png", "image/png", Avatars.png(2000, 1000));
        BufferedImage image = Avatars.read(fetch(large).body());
        assertThat(image.getWidth()).isEqualTo(512);
        assertThat(image.getHeight()).isEqualTo(256);
    }

    @Test
    void aWebpIsKeptAsSentAndOneWithTrailingBytesRefused() {
        ApiClient user = newUser("avatar-webp");
        String url = upload(user, "me.webp", "image/webp", Avatars.WEBP);
        assertThat(url).matches("/api/avatars/[a-f0-9]{32}\\.webp");
        HttpResponse<byte[]> served = fetch(url);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/webp");
        assertThat(served.body()).isEqualTo(Avatars.WEBP);

        byte[] appended = Arrays.copyOf(Avatars.WEBP, Avatars.WEBP.length + 20);
        System.arraycopy("<script>x</script>".getBytes(StandardCharsets.US_ASCII), 0, appended, Avatars.WEBP.length, 18);
        ApiClient.Response refused = user.postMultipart("/profile/upload-avatar", "file", "me.webp", "image/webp", appended);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).contains("WebP");
    }

    @Test
    void whatIsNotAnImageIsRefused() {
        ApiClient user = newUser("avatar-php");
        byte[] php = "<?php system($_GET['c']); ?>".getBytes(StandardCharsets.UTF_8);
        ApiClient.Response refused = user.postMultipart("/profile/upload-avatar", "file", "avatar.png", "image/png", php);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).isEqualTo("not an image: expected PNG, JPEG, WebP or GIF");

        byte[] fakePng = Arrays.copyOf(Avatars.png(8, 8), 40);
        ApiClient.Response broken = user.postMultipart("/profile/upload-avatar", "file", "a.png", "image/png", fakePng);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.detail()).contains("not a valid PNG image");

        ApiClient.Response bomb = user.postMultipart("/profile/upload-avatar", "file", "a.png", "image/png",
                Avatars.pngHeaderOnly(20_000, 20_000));
        assertThat(bomb.status()).isEqualTo(400);
        assertThat(bomb.detail()).contains("20000x20000").contains("too large");

        ApiClient.Response empty = user.postMultipart("/profile/upload-avatar", "file", "a.png", "image/png", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        ApiClient.Response wrongPart = user.postMultipart("/profile/upload-avatar", "avatar", "a.png", "image/png",
                Avatars.png(8, 8));
        assertThat(wrongPart.status()).isEqualTo(400);
        assertThat(wrongPart.detail()).contains("'file'");
        assertThat(user.postJson("/profile/upload-avatar", "{}").status()).isEqualTo(400);

        assertThat(user.get("/profile").json().get("avatar_url").isNull()).isTrue();
        assertThat(user.get("/profile/logs?action=upload_avatar&status=failure").body()).contains("not an image");
    }

    @Test
    void anAvatarOverTheLimitIsRefusedNamingIt() {
        ApiClient user = newUser("avatar-large");
        byte[] threeMegabytes = Avatars.noisyPng(1000, 1000);
        assertThat(threeMegabytes.length).isBetween(2 * 1024 * 1024 + 1, 10 * 1024 * 1024 - 4096);

        ApiClient.Response refused = user.postMultipart("/profile/upload-avatar", "file", "big.png", "image/png", threeMegabytes);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.detail()).contains("limit of 2 MB");

        ApiClient.Response huge = user.postMultipart("/profile/upload-avatar", "file", "huge.png", "image/png",
                new byte[20 * 1024 * 1024]);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.detail()).contains("limit");
        // Sent without a length (chunked), the upload gets past the request-size filter to the multipart parser.
        ApiClient.Multipart chunked = ApiClient.multipart("file", "huge.png", "image/png", new byte[12 * 1024 * 1024]);
        ApiClient.Response unbounded = user.send(user.request("/profile/upload-avatar").header("Content-Type", chunked.contentType())
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(chunked.bytes()))));
        assertThat(unbounded.status()).as(unbounded.body()).isEqualTo(413);
        assertThat(unbounded.detail()).contains("limit of 10485760 bytes").contains("2 MB");
        assertThat(user.get("/profile").json().get("avatar_url").isNull()).isTrue();
    }

    @Test
    void aNewAvatarReplacesTheOldOneAndDeletingRemovesIt() {
        ApiClient user = newUser("avatar-replace");
        String first = upload(user, "1.png", "image/png", Avatars.png(10, 10));
        String second = upload(user, "2.png", "image/png", Avatars.png(12, 12));

        assertThat(second).isNotEqualTo(first);
        assertThat(fetch(first).statusCode()).isEqualTo(404);
        assertThat(Files.exists(file(first))).isFalse();
        assertThat(fetch(second).statusCode()).isEqualTo(200);

        ApiClient.Response deleted = user.delete("/profile/avatar");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asString()).isNotBlank();
        assertThat(fetch(second).statusCode()).isEqualTo(404);
        assertThat(Files.exists(file(second))).isFalse();
        assertThat(user.get("/profile").json().get("avatar_url").isNull()).isTrue();
        assertThat(user.delete("/profile/avatar").status()).isEqualTo(404);
    }

    @Test
    void namesOutsideTheGeneratedFormAndFilesOutsideTheDirectoryAreNotServed() throws IOException {
        ApiClient user = newUser("avatar-traversal");
        String url = upload(user, "a.png", "image/png", Avatars.png(10, 10));
        String name = url.substring(url.lastIndexOf('/') + 1);
        Files.writeString(avatarDir().resolve("notes.txt"), "private");
        Files.writeString(settings.dataDir().resolve("secret.png"), "private");
        Path orphan = avatarDir().resolve("0123456789abcdef0123456789abcdef.png");
        Files.write(orphan, Avatars.png(4, 4));

        // The encoded ones are refused with 400 before any controller sees them (the servlet
        // container and Spring Security's firewall); the others reach the controller: 404.
        List<String> attempts = List.of(
                "/api/avatars/../../etc/passwd",
                "/api/avatars/../secret.png",
                "/api/avatars/..%2F..%2Fetc%2Fpasswd",
                "/api/avatars/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/api/avatars/..%252F..%252Fetc%252Fpasswd",
                "/api/avatars/%2e%2e/secret.png",
                "/api/avatars/..%5Csecret.png",
                "/api/avatars/notes.txt",
                "/api/avatars/" + name.toUpperCase(),
                "/api/avatars/" + name + "%00.png",
                "/api/avatars/" + name.replace(".png", ".PNG"),
                "/api/avatars/0123456789abcdef0123456789abcdef.png",
                "/api/avatars/secret.png",
                "/api/avatars/");
        for (String attempt : attempts) {
            HttpResponse<byte[]> response = fetch(attempt);
            assertThat(response.statusCode()).as(attempt).isIn(400, 404);
            assertThat(new String(response.body(), StandardCharsets.ISO_8859_1)).as(attempt)
                    .doesNotContain("private").doesNotContain("root:").doesNotContain("\u0089PNG");
        }
        assertThat(fetch("/api/avatars/notes.txt").statusCode()).isEqualTo(404);
        assertThat(fetch("/api/avatars/0123456789abcdef0123456789abcdef.png").statusCode()).isEqualTo(404);

        // A link named like an avatar, even one a profile names, is not followed.
        Path link = avatarDir().resolve("fedcba9876543210fedcba9876543210.png");
        Files.createSymbolicLink(link, orphan);
        long id = user.get("/profile").json().get("id").asLong();
        jdbc.sql("UPDATE user_profiles SET avatar_filename = ? WHERE user_id = ?").params(link.getFileName().toString(), id)
                .update();
        assertThat(fetch("/api/avatars/" + link.getFileName()).statusCode()).isEqualTo(404);
    }

    private String upload(ApiClient user, String filename, String contentType, byte[] content) {
        ApiClient.Response response = user.postMultipart("/profile/upload-avatar", "file", filename, contentType, content);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("avatar_url").asString();
    }

    /** Anonymously, as a browser showing someone's avatar would. */
    private HttpResponse<byte[]> fetch(String path) {
        try {
            return HTTP.send(api.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path avatarDir() throws IOException {
        return Files.createDirectories(settings.dataDir().resolve("avatars"));
    }

    private Path file(String url) {
        return settings.dataDir().resolve("avatars").resolve(url.substring(url.lastIndexOf('/') + 1));
    }
}
