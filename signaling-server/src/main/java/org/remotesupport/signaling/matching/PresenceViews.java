package org.remotesupport.signaling.matching;

import java.util.List;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.presence.AgentPresence;

/** How presences appear on the wire; stateless. */
final class PresenceViews {

    private PresenceViews() {
    }

    static ServerMessage.PresenceState state(String replyTo, AgentPresence p, String reason) {
        return new ServerMessage.PresenceState(replyTo, p.agentId(), p.availability().wire(), sorted(p.languages()),
                sorted(p.categories()), p.capacity(), p.autoAccept(), p.sessions().size(), reason);
    }

    static ServerMessage.AgentInfo info(AgentPresence p) {
        return new ServerMessage.AgentInfo(p.agentId(), p.name(), p.connected() ? p.availability().wire() : "reconnecting",
                sorted(p.languages()), sorted(p.categories()), p.sessions().size(), p.capacity());
    }

    private static List<String> sorted(java.util.Set<String> values) {
        return values.stream().sorted().toList();
    }
}
