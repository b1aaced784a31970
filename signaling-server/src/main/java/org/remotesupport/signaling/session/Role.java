package org.remotesupport.signaling.session;

import java.util.Arrays;
import java.util.Optional;

/** What a participant may do in a session; the wire names are those of {@code hello.role}. */
public enum Role {
    /** Creates sessions, hands out join codes; the session ends when the agent leaves. */
    AGENT("agent"),
    /** Joins one session with a join code or through the queue. */
    CUSTOMER("customer"),
    /** A second agent the session's agent invited to help: sends and receives media like the agent. */
    EXPERT("expert"),
    /** A supervisor or trainee the session's agent let watch: receives media, sends none. */
    OBSERVER("observer");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** The role as it appears on the wire. */
    public String wire() {
        return wire;
    }

    /** The role with this wire name, if any. */
    public static Optional<Role> fromWire(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst();
    }
}
