package org.remotesupport.signaling.ticket;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgent a ticket's problem is, lowest first. Wire and JSON names are the lower-case constant names. */
public enum Severity {
    LOW,
    NORMAL,
    HIGH,
    CRITICAL;

    /** The severity as it appears on the wire. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity with this wire name, if any. */
    public static Optional<Severity> fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }
}
