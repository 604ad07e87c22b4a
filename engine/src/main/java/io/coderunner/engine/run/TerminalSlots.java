package io.coderunner.engine.run;

import java.util.BitSet;

/**
 * Numbers for open terminals: each gets the lowest free one, which names its control group and,
 * when the engine is root, its own host uid ({@code uidBase + UID_OFFSET + number}), apart from
 * the slots' uids and from every other open terminal's. Numbers are reused once a terminal closes,
 * so the groups and uids in use stay as few as the terminals open at once.
 */
final class TerminalSlots {

    /** Terminal uids start this far above the engine's first slot uid. */
    static final int UID_OFFSET = 1000;

    private final BitSet used = new BitSet();

    synchronized int take() {
        int number = used.nextClearBit(0);
        used.set(number);
        return number;
    }

    synchronized void give(int number) {
        used.clear(number);
    }
}
