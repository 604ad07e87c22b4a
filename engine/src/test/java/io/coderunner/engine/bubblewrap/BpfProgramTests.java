package io.coderunner.engine.bubblewrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coderunner.engine.bubblewrap.ClassicBpf.Instruction;
import org.junit.jupiter.api.Test;

/** Labels become the offsets classic BPF counts, and a program that could not be counted is refused. */
class BpfProgramTests {

    @Test
    void aJumpCountsTheInstructionsBetweenItAndItsLabel() {
        BpfProgram program = new BpfProgram();
        BpfProgram.Label yes = program.label("yes");
        BpfProgram.Label no = program.label("no");
        program.load(0).jumpIfEqual(7, yes, BpfProgram.NEXT).jumpIfAnySet(0x10, no, yes);
        program.ret(1);
        program.place(yes).ret(2);
        program.place(no).ret(3);

        assertThat(ClassicBpf.decode(program.assemble())).containsExactly(
                new Instruction(BpfProgram.LD_W_ABS, 0, 0, 0),
                new Instruction(BpfProgram.JEQ_K, 2, 0, 7),
                new Instruction(BpfProgram.JSET_K, 2, 1, 0x10),
                new Instruction(BpfProgram.RET_K, 0, 0, 1),
                new Instruction(BpfProgram.RET_K, 0, 0, 2),
                new Instruction(BpfProgram.RET_K, 0, 0, 3));
    }

    @Test
    void aLabelNeverPlacedIsRefused() {
        BpfProgram program = new BpfProgram();
        program.load(0).jumpIfEqual(1, program.label("nowhere"), BpfProgram.NEXT).ret(0);

        assertThatThrownBy(program::assemble).hasMessageContaining("'nowhere' is jumped to but never placed");
    }

    @Test
    void aJumpBackwardsIsRefused() {
        BpfProgram program = new BpfProgram();
        BpfProgram.Label start = program.label("start");
        program.place(start).load(0).jumpIfEqual(1, start, BpfProgram.NEXT).ret(0);

        assertThatThrownBy(program::assemble).hasMessageContaining("jumps forward");
    }

    @Test
    void aJumpFartherThanAByteIsRefused() {
        BpfProgram program = new BpfProgram();
        BpfProgram.Label far = program.label("far");
        program.load(0).jumpIfEqual(1, far, BpfProgram.NEXT);
        for (int i = 0; i < 256; i++) {
            program.ret(0);
        }
        program.place(far).ret(1);

        assertThatThrownBy(program::assemble).hasMessageContaining("256 instructions");
    }

    @Test
    void aLabelAfterTheLastInstructionIsRefused() {
        BpfProgram program = new BpfProgram();
        BpfProgram.Label end = program.label("end");
        program.load(0).jumpIfEqual(1, end, BpfProgram.NEXT).ret(0).place(end);

        assertThatThrownBy(program::assemble).hasMessageContaining("past the last instruction");
    }

    @Test
    void aProgramMustEndInAReturnAndPlaceALabelOnce() {
        assertThatThrownBy(() -> new BpfProgram().load(0).assemble()).hasMessageContaining("end in a return");
        BpfProgram program = new BpfProgram();
        BpfProgram.Label once = program.label("once");
        program.place(once).ret(0);
        assertThatThrownBy(() -> program.place(once)).hasMessageContaining("placed already");
        assertThat(program.assemble()).hasSize(8);
    }
}
