package org.remotesupport.app.annotation;

import java.util.Optional;
import org.remotesupport.annotation.access.Access;
import org.remotesupport.annotation.access.AnnotationAccess;
import org.remotesupport.annotation.access.AnnotationRole;
import org.remotesupport.signaling.session.ParticipantService;
import org.remotesupport.signaling.session.ParticipantStore;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SupportSession;

/**
 * Admits a participant to a session's annotations with the token signaling handed it in
 * {@code welcome} (its current resume token): the participant store must hold that token's hash
 * for the participant, and the session registry must list the participant as a member, whose
 * role decides what it may do. Thread-safe; each call is two store reads on the caller's thread.
 */
public final class SignalingAnnotationAccess implements AnnotationAccess {

    private final SessionRegistry sessions;
    private final ParticipantStore participants;

    public SignalingAnnotationAccess(SessionRegistry sessions, ParticipantStore participants) {
        this.sessions = sessions;
        this.participants = participants;
    }

    @Override
    public Optional<Access> admit(String sessionId, String participantId, String token) {
        boolean holdsToken = participants.find(participantId)
                .filter(record -> ParticipantService.holdsToken(record, token))
                .isPresent();
        if (!holdsToken) {
            return Optional.empty();
        }
        Optional<SupportSession> session = sessions.find(sessionId);
        return session.flatMap(s -> s.member(participantId))
                .map(member -> new Access(participantId, role(member.role()), session.get().startedAt()));
    }

    private static AnnotationRole role(Role role) {
        return switch (role) {
            case AGENT -> AnnotationRole.AGENT;
            case EXPERT -> AnnotationRole.EXPERT;
            case CUSTOMER -> AnnotationRole.CUSTOMER;
            // supervisors, trainees and admins outside a session's roles may only watch
            case OBSERVER, SUPERVISOR, TRAINEE, ADMIN -> AnnotationRole.OBSERVER;
        };
    }
}
