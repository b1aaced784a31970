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

    /** The role with this wire name, if any. */
    public static Optional<Role> fromWire(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst();
    }
}
