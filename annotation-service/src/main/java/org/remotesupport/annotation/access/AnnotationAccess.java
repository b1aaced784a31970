package org.remotesupport.annotation.access;

import java.util.Optional;

/**
 * Decides who may join a session's annotations: a session id, the participant id and the token the
 * signaling server gave that participant in, the participant's {@link Access} out, or empty when
 * the token does not name a participant of that session. Called on WebSocket threads; must not
 * block for long. The application provides it, backed by the signaling server's session registry.
 */
public interface AnnotationAccess {

    /** The participant's access to the session, or empty if the token does not admit it. */
    Optional<Access> admit(String sessionId, String participantId, String token);
}
