package org.remotesupport.annotation.access;

/** What a participant may do with a session's markups. */
public enum AnnotationRole {
    /** Owns the session: draws, points, and decides whether the customer may draw. */
    AGENT("agent"),
    /** An invited expert: draws and points like the agent. */
    EXPERT("expert"),
    /** Points always; draws only while the agent allows it. */
    CUSTOMER("customer"),
    /** A supervisor or trainee: reads markups and pointers, sends neither. */
    OBSERVER("observer");

    private final String wire;

    AnnotationRole(String wire) {
        this.wire = wire;
    }

    /** The role as it appears on the wire. */
    public String wire() {
        return wire;
    }
}
