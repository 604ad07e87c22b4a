package io.coderunner.server.execution;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns one output stream's chunks into text without breaking a character that a chunk boundary
 * cut in two: the incomplete bytes wait for the next chunk. Invalid bytes become U+FFFD.
 */
public final class StreamDecoder {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);

    public synchronized String decode(byte[] chunk) {
        ByteBuffer input = ByteBuffer.allocate(pending.remaining() + chunk.length).put(pending).put(chunk).flip();
        CharBuffer out = CharBuffer.allocate(input.remaining() + 1);
        decoder.decode(input, out, false);
        pending = input.slice();
        return out.flip().toString();
    }
}
