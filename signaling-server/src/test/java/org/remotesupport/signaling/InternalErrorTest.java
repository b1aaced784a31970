package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.session.InMemorySessionRegistry;
import org.remotesupport.signaling.session.JoinCode;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.PendingOffer;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SupportSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A fault inside the server becomes {@code internal_error} and the connection goes on. The fault is
 * a session store that cannot store, which also shows that an application's own
 * {@link SessionRegistry} replaces the in-memory default.
 */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(InternalErrorTest.BrokenStore.class)
class InternalErrorTest {

    @LocalServerPort
    int port;

    @Autowired
    TestIdentities identities;

    @Test
    void aFaultBecomesAnInternalErrorAndTheConnectionGoesOn() {
        try (TestClient agent = TestClient.greeted(port, identities.agent("Ana"))) {
            ServerMessage.Error error = agent.refused(new ClientMessage.SessionCreate("c"), ErrorCode.INTERNAL_ERROR);

            assertThat(error.message()).doesNotContain("store");
            agent.assertAliveAndQuiet();
            agent.refused(new ClientMessage.SessionLeave("l"), ErrorCode.NOT_IN_SESSION);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class BrokenStore {

        @Bean
        SessionRegistry sessionRegistry() {
            return new UnwritableRegistry();
        }
    }

    /** Reads like the in-memory registry, fails every attempt to store a new session. */
    static final class UnwritableRegistry implements SessionRegistry {

        private final SessionRegistry reads = new InMemorySessionRegistry();

        @Override
        public boolean create(SupportSession session, JoinCode code) {
            throw new IllegalStateException("store unavailable");
        }

        @Override
        public Optional<SupportSession> find(String sessionId) {
            return reads.find(sessionId);
        }

        @Override
        public Optional<String> sessionIdForCode(String code, Instant now) {
            return reads.sessionIdForCode(code, now);
        }

        @Override
        public Optional<SupportSession> redeem(String code, Member customer, Instant now) {
            return reads.redeem(code, customer, now);
        }

        @Override
        public Optional<SupportSession> setMedia(String sessionId, String participantId, boolean joined) {
            return reads.setMedia(sessionId, participantId, joined);
        }

        @Override
        public Optional<SupportSession> removeMember(String sessionId, String participantId) {
            return reads.removeMember(sessionId, participantId);
        }

        @Override
        public Optional<SupportSession> remove(String sessionId) {
            return reads.remove(sessionId);
        }

        @Override
        public List<String> sessionIdsOf(String participantId) {
            return reads.sessionIdsOf(participantId);
        }

        @Override
        public int size() {
            return reads.size();
        }

        @Override
        public boolean open(SupportSession session) {
            throw new IllegalStateException("store unavailable");
        }

        @Override
        public Optional<SupportSession> addMember(String sessionId, Member member) {
            return reads.addMember(sessionId, member);
        }

        @Override
        public Optional<SupportSession> invite(String sessionId, String participantId, Role role) {
            return reads.invite(sessionId, participantId, role);
        }

        @Override
        public Optional<SupportSession> acceptInvitation(String sessionId, Member member) {
            return reads.acceptInvitation(sessionId, member);
        }

        @Override
        public Optional<SupportSession> declineInvitation(String sessionId, String participantId) {
            return reads.declineInvitation(sessionId, participantId);
        }

        @Override
        public Optional<SupportSession> setReconnecting(String sessionId, String participantId, boolean reconnecting) {
            return reads.setReconnecting(sessionId, participantId, reconnecting);
        }

        @Override
        public Optional<SupportSession> setPendingOffer(String sessionId, String participantId, PendingOffer offer) {
            return reads.setPendingOffer(sessionId, participantId, offer);
        }

        @Override
        public Optional<SupportSession> answered(String sessionId, String participantId, int revision) {
            return reads.answered(sessionId, participantId, revision);
        }

        @Override
        public List<SupportSession> all() {
            return reads.all();
        }
    }
}
