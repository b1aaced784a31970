package org.remotesupport.signaling.presence;

import java.util.Arrays;
import java.util.Optional;

/** What an agent declares about taking customers; the wire names are those of {@code presence.set}. */
public enum Availability {
    /** Takes offers up to the agent's capacity. */
    AVAILABLE("available"),
    /** At the desk but takes no new offers (e.g. finishing notes); sessions in progress go on. */
    BUSY("busy"),
    /** Away from the desk; also what the server sets after the agent let an offer ring out. */
    AWAY("away"),
    /** Signed off: takes nothing; the presence is removed. */
    OFFLINE("offline");

    private final String wire;

    Availability(String wire) {
        this.wire = wire;
    }

    /** The availability as it appears on the wire. */
    public String wire() {
        return wire;
    }

    /** The availability with this wire name, if any. */
    public static Optional<Availability> fromWire(String wire) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(wire)).findFirst();
    }
}
