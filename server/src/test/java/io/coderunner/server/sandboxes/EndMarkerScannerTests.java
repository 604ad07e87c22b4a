package io.coderunner.server.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where a command's output ends in a session shell's stream, however the stream is cut into chunks. */
class EndMarkerScannerTests {

    private static final String MARKER = "CR0123456789abcdef";

    private static String feedAll(EndMarkerScanner scanner, String... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String chunk : chunks) {
            out.writeBytes(scanner.feed(chunk.getBytes(StandardCharsets.UTF_8)));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theEndLineAndTheNewlineBeforeItAreNotOutput() {
        EndMarkerScanner scanner = new EndMarkerScanner(MARKER);
        assertThat(feedAll(scanner, "hi\n\n" + MARKER + " 0\n")).isEqualTo("hi\n");
        assertThat(scanner.ended()).isTrue();
        assertThat(scanner.trailer()).isEqualTo(" 0");
    }

    @Test
    void outputWithoutItsOwnNewlineKeepsItsLastLine() {
        EndMarkerScanner scanner = new EndMarkerScanner(MARKER);
        assertThat(feedAll(scanner, "no newline", "\n" + MARKER + " 7\n")).isEqualTo("no newline");
        assertThat(scanner.trailer()).isEqualTo(" 7");
    }

    @Test
    void aMarkerCutAcrossChunksIsFoundAndWhatLooksLikeItsStartIsGivenOutOnceItIsNot() {
        EndMarkerScanner scanner = new EndMarkerScanner(MARKER);
        StringBuilder seen = new StringBuilder();
        seen.append(feedAll(scanner, "a\n", "CR01"));
        assertThat(seen.toString()).isEqualTo("a");
        seen.append(feedAll(scanner, "x\n"));
        assertThat(seen.toString()).isEqualTo("a\nCR01x");
        seen.append(feedAll(scanner, "\n" + MARKER.substring(0, 5), MARKER.substring(5) + " 12", "\n", "after"));
        assertThat(seen.toString()).isEqualTo("a\nCR01x\n");
        assertThat(scanner.trailer()).isEqualTo(" 12");
    }

    @Test
    void theStderrLineHasNoTrailerAndBytesFedAfterTheEndAreNotOutput() {
        EndMarkerScanner scanner = new EndMarkerScanner(MARKER);
        assertThat(feedAll(scanner, "err\n\n" + MARKER + "\nlater")).isEqualTo("err\n");
        assertThat(scanner.trailer()).isEmpty();
        assertThat(feedAll(scanner, "more")).isEmpty();
    }

    @Test
    void whatIsHeldBackComesOutWhenTheStreamEndsWithoutTheLine() {
        EndMarkerScanner scanner = new EndMarkerScanner(MARKER);
        assertThat(feedAll(scanner, "partial\nCR0")).isEqualTo("partial");
        assertThat(new String(scanner.rest(), StandardCharsets.UTF_8)).isEqualTo("\nCR0");
        assertThat(scanner.ended()).isFalse();
    }

    @Test
    void aCommandIsQuotedAsOneShellWord() {
        assertThat(ShellSession.quoted("echo 'a b'")).isEqualTo("'echo '\\''a b'\\'''");
    }
}
