package io.coderunner.engine.run;

import io.coderunner.engine.SandboxException;
import java.util.BitSet;

/**
 * Numbers for open resident sandboxes, as {@link TerminalSlots} for terminals: each gets the lowest
 * free one, which names its control group and network and, when the engine is root, gives it a host
 * uid of its own, {@code uidBase + UID_OFFSET + number}: apart from the slots' uids, from the
 * terminals' (which start at {@link TerminalSlots#UID_OFFSET}) and from every other resident's.
 */
final class ResidentSlots {

    /** Resident uids start this far above the engine's first slot uid. */
    static final int UID_OFFSET = 2000;
    /** Resident sandboxes open at once at most. */
    static final int CAPACITY = 2000;
    /**
     * The kernel's overflow uid (what a process in a user namespace sees for an unmapped owner) and
     * the 16-bit "no uid": giving either to a sandbox would make its files look like nobody's own.
     */
    private static final int OVERFLOW_UID = 65534;
    private static final int NO_UID_16 = 65535;

    private final Integer uidBase;
    private final BitSet used = new BitSet();
    private int open;

    /** @param uidBase the engine's first slot uid, or null when the engine is not root (no uids of their own) */
    ResidentSlots(Integer uidBase) {
        this.uidBase = uidBase;
    }

    synchronized int take() {
        if (open >= CAPACITY) {
            throw new SandboxException("too many long-lived sandboxes are open (" + CAPACITY + "): close one first");
        }
        int number = used.nextClearBit(0);
        while (skipped(number)) {
            used.set(number);
            number = used.nextClearBit(number);
        }
        used.set(number);
        open++;
        return number;
    }

    synchronized void give(int number) {
        if (used.get(number) && !skipped(number)) {
            used.clear(number);
            open--;
        }
    }

    /** Whether a uid is one the engine gives its slots, terminals or resident sandboxes (uidBase on). */
    static boolean engineOwn(int uidBase, int uid) {
        return uid >= uidBase && uid <= uidBase + UID_OFFSET + CAPACITY + 1;
    }

    /** The host uid of the resident with this number; null when the engine is not root. */
    Integer uid(int number) {
        return uidBase == null ? null : uidBase + UID_OFFSET + number;
    }

    private boolean skipped(int number) {
        Integer uid = uid(number);
        return uid != null && (uid == OVERFLOW_UID || uid == NO_UID_16);
    }
}
