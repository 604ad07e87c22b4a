package io.coderunner.engine.bubblewrap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic BPF program written with labels instead of jump offsets. Classic BPF jumps only
 * forward, by an offset counted in instructions from the next one and held in one byte; counting
 * those by hand breaks silently when a rule is added above a jump. Here each jump names a label,
 * and {@link #assemble} works the offsets out, refusing a label never placed, a jump backwards or
 * one too far for a byte.
 */
final class BpfProgram {

    /** A place in the program, named before it is placed. */
    static final class Label {
        private final String name;
        private int at = -1;

        private Label(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The instruction after the jump: a jump that does not jump. */
    static final Label NEXT = new Label("next");

    // Classic BPF opcodes (linux/bpf_common.h), only those the seccomp filter needs.
    static final int LD_W_ABS = 0x20;
    static final int JEQ_K = 0x15;
    static final int JGE_K = 0x35;
    static final int JSET_K = 0x45;
    static final int RET_K = 0x06;

    private record Instruction(int code, Label ifTrue, Label ifFalse, long k) {
    }

    private final List<Instruction> instructions = new ArrayList<>();

    Label label(String name) {
        return new Label(name);
    }

    /** Places the label at the next instruction added. */
    BpfProgram place(Label label) {
        if (label == NEXT || label.at >= 0) {
            throw new IllegalStateException("label '" + label + "' is placed already");
        }
        label.at = instructions.size();
        return this;
    }

    /** Loads the 32-bit word at this offset of the input into the accumulator. */
    BpfProgram load(int offset) {
        return add(LD_W_ABS, NEXT, NEXT, offset);
    }

    BpfProgram jumpIfEqual(long k, Label ifTrue, Label ifFalse) {
        return add(JEQ_K, ifTrue, ifFalse, k);
    }

    BpfProgram jumpIfAtLeast(long k, Label ifTrue, Label ifFalse) {
        return add(JGE_K, ifTrue, ifFalse, k);
    }

    /** Jumps to {@code ifTrue} when the accumulator has any of these bits set. */
    BpfProgram jumpIfAnySet(long bits, Label ifTrue, Label ifFalse) {
        return add(JSET_K, ifTrue, ifFalse, bits);
    }

    BpfProgram ret(long action) {
        return add(RET_K, NEXT, NEXT, action);
    }

    private BpfProgram add(int code, Label ifTrue, Label ifFalse, long k) {
        instructions.add(new Instruction(code, ifTrue, ifFalse, k));
        return this;
    }

    /**
     * The program as {@code struct sock_filter[]}: code (u16), jt (u8), jf (u8), k (u32), in the
     * host's byte order, which is little-endian on both architectures the filter is made for.
     */
    byte[] assemble() {
        if (instructions.isEmpty() || instructions.getLast().code != RET_K) {
            throw new IllegalStateException("a seccomp program must end in a return");
        }
        ByteBuffer out = ByteBuffer.allocate(instructions.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < instructions.size(); i++) {
            Instruction instruction = instructions.get(i);
            out.putShort((short) instruction.code)
                    .put((byte) offset(i, instruction.ifTrue))
                    .put((byte) offset(i, instruction.ifFalse))
                    .putInt((int) instruction.k);
        }
        return out.array();
    }

    private int offset(int from, Label to) {
        if (to == NEXT) {
            return 0;
        }
        if (to.at < 0) {
            throw new IllegalStateException("label '" + to + "' is jumped to but never placed");
        }
        int offset = to.at - (from + 1);
        if (offset < 0 || offset > 255) {
            throw new IllegalStateException("label '" + to + "' is " + offset + " instructions from the jump at " + from
                    + "; classic BPF jumps forward, at most 255");
        }
        if (to.at >= instructions.size()) {
            throw new IllegalStateException("label '" + to + "' is placed past the last instruction");
        }
        return offset;
    }
}
