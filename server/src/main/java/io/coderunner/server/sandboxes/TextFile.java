package io.coderunner.server.sandboxes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads a file a search or an edit works on as text, telling binary files apart. */
final class TextFile {

    /** A NUL byte in this much of the start makes a file binary, as grep decides. */
    private static final int SNIFFED = 8192;

    private TextFile() {
    }

    /**
     * The file's text (UTF-8; bytes that are not become U+FFFD), or null when it is binary or
     * longer than {@code maxBytes}.
     */
    static String read(SeekableByteChannel channel, long maxBytes) throws IOException {
        InputStream in = Channels.newInputStream(channel);
        byte[] bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8));
        if (in.read() >= 0) {
            return null;
        }
        for (int i = 0; i < Math.min(bytes.length, SNIFFED); i++) {
            if (bytes[i] == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
