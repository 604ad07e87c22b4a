package io.coderunner.server.terminals;

import java.util.List;

/** Seed 003's session states. */
final class SessionStatus {

    /** The terminal runs; no client has connected yet. */
    static final String CREATED = "created";
    /** The terminal runs and a client is connected. */
    static final String ACTIVE = "active";
    /** The terminal runs; its clients have gone (it lives on until its idle timeout). */
    static final String DISCONNECTED = "disconnected";
    /** Ended: by its owner, its idle timeout or lifetime, its shell exiting, or a server restart. */
    static final String TERMINATED = "terminated";
    /** The terminal could not be started. */
    static final String ERROR = "error";

    /** States of a session whose terminal runs (and counts against the tier's limit). */
    static final List<String> OPEN = List.of(CREATED, ACTIVE, DISCONNECTED);

    private SessionStatus() {
    }
}
