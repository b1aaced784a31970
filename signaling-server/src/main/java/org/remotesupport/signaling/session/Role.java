package org.remotesupport.signaling.session;

import java.util.Arrays;
import java.util.Optional;

/** What a participant may do in a session; the role comes from the connection's token. */
public enum Role {
    /** Creates sessions and invites; the session ends when the agent leaves. */
    AGENT("agent"),
    /** Joins the one session or queue its token was issued for. */
    CUSTOMER("customer"),
    /** A second agent the session's agent invited to help: sends and receives media like the agent. */
    EXPERT("expert"),
    /** A supervisor or trainee the session's agent let watch: receives media, sends none. */
    OBSERVER("observer"),
    /** A signed-in supervisor, before joining a session: watches and coaches agents. */
    SUPERVISOR("supervisor"),
    /** A signed-in trainee, before joining a session: watches sessions to learn. */
    TRAINEE("trainee"),
    /** A signed-in admin: manages accounts and integrations, takes part in no session. */
    ADMIN("admin");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** The role as it appears on the wire. */
    public String wire() {
        return wire;
    }

    /**
     * Whether a member of this role only watches: it receives media and markups and sends neither
     * (an invited observer, or a supervisor, trainee or admin who joined with {@code session.observe}).
     */
    public boolean watchesOnly() {
        return this == OBSERVER || silent();
    }

    /**
     * Whether a member of this role is in a session without the customer being told: a supervisor,
     * trainee or admin keeps its own role when it joins a session with {@code session.observe}.
     */
    public boolean silent() {
        return this == SUPERVISOR || this == TRAINEE || this == ADMIN;
    }

    /** The role with this wire name, if any. */
    public static Optional<Role> fromWire(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst();
    }
}
