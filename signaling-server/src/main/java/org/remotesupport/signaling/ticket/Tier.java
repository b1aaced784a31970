package org.remotesupport.signaling.ticket;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A customer's service tier; higher tiers wait less. Wire and JSON names are the lower-case constant names. */
public enum Tier {
    STANDARD,
    VIP;

    /** The tier as it appears on the wire. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tier with this wire name, if any. */
    public static Optional<Tier> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
    }
}
