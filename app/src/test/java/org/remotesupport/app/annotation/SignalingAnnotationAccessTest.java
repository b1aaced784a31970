package org.remotesupport.app.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.remotesupport.annotation.access.Access;
import org.remotesupport.annotation.access.AnnotationRole;
import org.remotesupport.signaling.session.InMemoryParticipantStore;
import org.remotesupport.signaling.session.InMemorySessionRegistry;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.ParticipantRecord;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SupportSession;

class SignalingAnnotationAccessTest {

    private final InMemorySessionRegistry sessions = new InMemorySessionRegistry();
    private final InMemoryParticipantStore participants = new InMemoryParticipantStore();
    private final SignalingAnnotationAccess access = new SignalingAnnotationAccess(sessions, participants);

    @Test
    void admitsMembersWithTheirOwnTokenInTheirRole() throws Exception {
        Member agent = new Member("a1", Role.AGENT, "Ann");
        Member observer = new Member("o1", Role.OBSERVER, "Otto");
        Member stranger = new Member("x1", Role.AGENT, "Xena");
        Instant start = Instant.parse("2026-11-21T10:00:00Z");
        sessions.open(new SupportSession("s1", "a1", List.of(agent, observer), Set.of(), null, start, Set.of(),
                java.util.Map.of(), java.util.Map.of()));
        sessions.open(SupportSession.open("s2", stranger));
        participants.put(ParticipantRecord.connected(agent, hash(agent, "ta"), "c1"));
        participants.put(ParticipantRecord.connected(observer, hash(observer, "to"), "c2"));
        participants.put(ParticipantRecord.connected(stranger, hash(stranger, "tx"), "c3"));

        assertThat(access.admit("s1", "a1", "ta")).contains(new Access("a1", AnnotationRole.AGENT, start));
        assertThat(access.admit("s1", "o1", "to")).get().extracting(Access::role).isEqualTo(AnnotationRole.OBSERVER);
        assertThat(access.admit("s1", "a1", "to")).as("someone else's token").isEmpty();
        assertThat(access.admit("s1", "x1", "tx")).as("a member of another session").isEmpty();
        assertThat(access.admit("s9", "a1", "ta")).as("no such session").isEmpty();
    }

    /** The participant store's hash of a resume token: SHA-256 of the member's subject, a newline and the token. */
    private static String hash(Member member, String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((member.subject() + "\n" + token).getBytes(StandardCharsets.UTF_8)));
    }
}
