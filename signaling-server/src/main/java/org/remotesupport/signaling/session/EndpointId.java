package org.remotesupport.signaling.session;

import java.util.Optional;

/**
 * Names the relay endpoint of one participant in one session. An agent connection may be in several
 * sessions, so the participant id alone would not be unique on the relay.
 */
public record EndpointId(String sessionId, String participantId) {

    // session and participant ids are drawn from an alphabet without this character
    private static final char SEPARATOR = '.';

    /** The id as the relay knows it. */
    public String value() {
        return sessionId + SEPARATOR + participantId;
    }

    /** The session and participant of a relay endpoint id this server made, if it is one. */
    public static Optional<EndpointId> parse(String value) {
        int dot = value == null ? -1 : value.indexOf(SEPARATOR);
        if (dot <= 0 || dot == value.length() - 1 || value.indexOf(SEPARATOR, dot + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new EndpointId(value.substring(0, dot), value.substring(dot + 1)));
    }
}
