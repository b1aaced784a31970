package org.remotesupport.app.annotation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.remotesupport.annotation.access.Access;
import org.remotesupport.annotation.access.AnnotationAccess;
import org.remotesupport.annotation.access.AnnotationRole;
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
        String hash = sha256(token);
        boolean holdsToken = participants.find(participantId)
                .filter(record -> MessageDigest.isEqual(record.resumeTokenHash().getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII)))
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
            case OBSERVER -> AnnotationRole.OBSERVER;
        };
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
