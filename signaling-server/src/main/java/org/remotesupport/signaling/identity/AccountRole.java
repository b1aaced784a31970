package org.remotesupport.signaling.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a signed-in person may do. Agents take customers; supervisors and trainees watch sessions;
 * admins manage accounts and integrations. Wire names are the lower-case constant names.
 */
public enum AccountRole {
    AGENT,
    SUPERVISOR,
    TRAINEE,
    ADMIN;

    /** The role as it appears on the wire and in tokens. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with this wire name, if any. */
    public static Optional<AccountRole> fromWire(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(wire)).findFirst();
    }
}
