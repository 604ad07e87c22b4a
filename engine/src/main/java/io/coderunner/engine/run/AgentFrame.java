package io.coderunner.engine.run;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * One frame between the engine and a resident sandbox's agent, over the agent's stdin and stdout:
 * {@code [type u8][channel u32 big-endian][length u32 big-endian][payload]}. Channel 0 is the
 * sandbox itself; every process and tunnel has a channel of its own, numbered by the engine.
 * Frames from the agent come from a process of the sandbox's user and are read as hostile: a
 * length over {@link #MAX_PAYLOAD}, a type the engine does not know or a frame cut short is a
 * {@link ProtocolException}, and nothing larger than the limit is ever allocated.
 */
record AgentFrame(int type, int channel, byte[] payload) {

    static final int MAX_PAYLOAD = 1 << 20;
    static final int HEADER_BYTES = 9;

    // From the engine to the agent.
    static final int SPAWN = 1;
    static final int STDIN = 2;
    static final int EOF = 3;
    static final int SIGNAL = 4;
    static final int RESIZE = 5;
    static final int CONNECT = 6;
    static final int TUNNEL_DATA = 7;
    static final int TUNNEL_CLOSE = 8;

    // From the agent to the engine.
    static final int READY = 64;
    static final int STARTED = 65;
    static final int STDOUT = 66;
    static final int STDERR = 67;
    static final int EXIT = 68;
    static final int FAILED = 69;
    static final int CONNECTED = 70;
    static final int TUNNEL_OUT = 71;
    static final int TUNNEL_CLOSED = 72;

    AgentFrame {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a frame holds at most " + MAX_PAYLOAD + " bytes, not " + payload.length);
        }
    }

    static AgentFrame of(int type, int channel) {
        return new AgentFrame(type, channel, new byte[0]);
    }

    /** The next frame from the agent; null when its output ended between frames. */
    static AgentFrame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        try {
            int channel = in.readInt();
            long length = Integer.toUnsignedLong(in.readInt());
            if (type < READY || type > TUNNEL_CLOSED) {
                throw new ProtocolException("a frame of unknown type " + type);
            }
            if (length > MAX_PAYLOAD) {
                throw new ProtocolException("a frame of " + length + " bytes (at most " + MAX_PAYLOAD + ")");
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new AgentFrame(type, channel, payload);
        } catch (EOFException e) {
            throw new ProtocolException("a frame cut short");
        }
    }

    void writeTo(OutputStream out) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.put((byte) type).putInt(channel).putInt(payload.length);
        out.write(header.array());
        out.write(payload);
    }

    /** The agent said something that is not a frame of the protocol. */
    static final class ProtocolException extends IOException {
        ProtocolException(String message) {
            super(message);
        }
    }
}
