package io.coderunner.engine.bubblewrap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic BPF interpreter for seccomp programs, as the kernel runs them: a 32-bit accumulator,
 * the input a {@code struct seccomp_data}, every instruction one of the few a seccomp filter may
 * use. Anything it does not know, a load outside the input, a jump outside the program or falling
 * off its end is an error rather than a guess, so a broken program fails the test that runs it.
 */
final class ClassicBpf {

    static final int LD_W_ABS = 0x20;
    static final int JA = 0x05;
    static final int JEQ_K = 0x15;
    static final int JGT_K = 0x25;
    static final int JGE_K = 0x35;
    static final int JSET_K = 0x45;
    static final int AND_K = 0x54;
    static final int RET_K = 0x06;
    /** sizeof(struct seccomp_data): nr, arch, instruction_pointer, args[6]. */
    static final int SECCOMP_DATA_SIZE = 64;

    record Instruction(int code, int jt, int jf, long k) {
    }

    /** The system call as the filter sees it; each argument a 64-bit value. */
    record SeccompData(int nr, long arch, long instructionPointer, long... args) {

        SeccompData {
            if (args.length > 6) {
                throw new IllegalArgumentException("a system call has at most 6 arguments");
            }
            args = java.util.Arrays.copyOf(args, 6);
        }

        /** The struct's bytes, little-endian as on x86_64 and aarch64. */
        ByteBuffer bytes() {
            ByteBuffer buffer = ByteBuffer.allocate(SECCOMP_DATA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(nr).putInt((int) arch).putLong(instructionPointer);
            for (long arg : args) {
                buffer.putLong(arg);
            }
            return buffer.flip();
        }
    }

    private final List<Instruction> program;

    private ClassicBpf(List<Instruction> program) {
        this.program = program;
    }

    /** Reads a program, checking it as the kernel does before it accepts a filter. */
    static ClassicBpf load(byte[] bytes) {
        List<Instruction> program = decode(bytes);
        check(program);
        return new ClassicBpf(program);
    }

    static List<Instruction> decode(byte[] bytes) {
        if (bytes.length == 0 || bytes.length % 8 != 0) {
            throw new IllegalArgumentException("not whole instructions: " + bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Instruction> program = new ArrayList<>();
        while (in.hasRemaining()) {
            program.add(new Instruction(Short.toUnsignedInt(in.getShort()), Byte.toUnsignedInt(in.get()),
                    Byte.toUnsignedInt(in.get()), Integer.toUnsignedLong(in.getInt())));
        }
        return program;
    }

    /**
     * What the kernel's checker refuses: an unknown instruction, a load outside seccomp_data or
     * not word-aligned, a jump whose target is outside the program, and a last instruction that
     * is not a return.
     */
    static void check(List<Instruction> program) {
        if (program.size() > 4096) {
            throw new IllegalArgumentException("longer than the kernel's 4096 instructions: " + program.size());
        }
        for (int pc = 0; pc < program.size(); pc++) {
            Instruction insn = program.get(pc);
            switch (insn.code) {
                case LD_W_ABS -> {
                    if (insn.k % 4 != 0 || insn.k >= SECCOMP_DATA_SIZE) {
                        throw new IllegalArgumentException("load of offset " + insn.k + " at " + pc);
                    }
                }
                case JA -> requireInside(program, pc, pc + 1 + insn.k);
                case JEQ_K, JGT_K, JGE_K, JSET_K -> {
                    requireInside(program, pc, pc + 1 + insn.jt);
                    requireInside(program, pc, pc + 1 + insn.jf);
                }
                case AND_K, RET_K -> {
                }
                default -> throw new IllegalArgumentException("instruction 0x" + Integer.toHexString(insn.code) + " at " + pc);
            }
        }
        if (program.getLast().code != RET_K) {
            throw new IllegalArgumentException("the program does not end in a return");
        }
    }

    private static void requireInside(List<Instruction> program, int pc, long target) {
        if (target >= program.size()) {
            throw new IllegalArgumentException("the jump at " + pc + " lands at " + target + ", past the program's "
                    + program.size() + " instructions");
        }
    }

    /** The action the program returns for this system call (SECCOMP_RET_* with its data). */
    long run(SeccompData data) {
        ByteBuffer input = data.bytes();
        long accumulator = 0;
        int pc = 0;
        while (true) {
            if (pc >= program.size()) {
                throw new IllegalStateException("ran off the end of the program");
            }
            Instruction insn = program.get(pc);
            pc++;
            switch (insn.code) {
                case LD_W_ABS -> accumulator = Integer.toUnsignedLong(input.getInt((int) insn.k));
                case AND_K -> accumulator &= insn.k;
                case JA -> pc += (int) insn.k;
                case JEQ_K -> pc += accumulator == insn.k ? insn.jt : insn.jf;
                case JGT_K -> pc += accumulator > insn.k ? insn.jt : insn.jf;
                case JGE_K -> pc += accumulator >= insn.k ? insn.jt : insn.jf;
                case JSET_K -> pc += (accumulator & insn.k) != 0 ? insn.jt : insn.jf;
                case RET_K -> {
                    return insn.k;
                }
                default -> throw new IllegalStateException("instruction 0x" + Integer.toHexString(insn.code));
            }
        }
    }

    int size() {
        return program.size();
    }
}
