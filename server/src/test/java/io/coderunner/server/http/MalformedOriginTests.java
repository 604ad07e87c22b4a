package io.coderunner.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A malformed Origin header is the caller's mistake: 400, and nothing in the log. */
@ExtendWith(OutputCaptureExtension.class)
@DatabaseAgnostic
class MalformedOriginTests extends ServerTest {

    private static final String[] ORIGINS = {"http://[bad", "http://[::1", "http://a b", "://nohost", "http://%zz",
            "http://host/path", "ht tp://x", "http://ex ample.com:80", "http://h:99999999999", "[", "x"};

    /** The status line's code of a request sent as raw bytes, as an attacker would. */
    private int rawStatus(String path, String origin, boolean upgrade) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + (upgrade ? "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n" : "Connection: close\r\n")
                    + "Origin: " + origin + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            assertThat(status).as("answer to Origin %s", origin).startsWith("HTTP/1.1 ");
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void malformedOriginsOnHandshakesAndRequestsAre4xxWithoutAStackTrace(CapturedOutput output) throws Exception {
        for (String origin : ORIGINS) {
            for (String path : new String[] {"/ws/execute", "/ccresearch/terminal/x"}) {
                assertThat(rawStatus(path, origin, true)).as("handshake of %s with Origin %s", path, origin).isBetween(400, 499);
            }
            assertThat(rawStatus("/api/languages", origin, false)).as("request with Origin %s", origin).isBetween(400, 499);
        }
        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void wellFormedOriginsStillGetThrough() throws Exception {
        assertThat(rawStatus("/api/languages", "https://example.com", false)).isEqualTo(200);
        assertThat(rawStatus("/api/languages", "null", false)).isEqualTo(200);
        assertThat(rawStatus("/ws/execute", "http://127.0.0.1:" + port, true)).isEqualTo(101);
    }
}
