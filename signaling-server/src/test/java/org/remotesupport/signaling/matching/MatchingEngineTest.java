package org.remotesupport.signaling.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.FakeRelayControl;
import org.remotesupport.signaling.presence.AgentPresence;
import org.remotesupport.signaling.presence.Availability;
import org.remotesupport.signaling.presence.InMemoryPresenceStore;
import org.remotesupport.signaling.queue.InMemoryContactHistory;
import org.remotesupport.signaling.queue.InMemoryQueueStore;
import org.remotesupport.signaling.queue.QueueEntry;
import org.remotesupport.signaling.session.InMemorySessionRegistry;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.InMemorySessionLocks;
import org.remotesupport.signaling.session.SessionService;
import org.remotesupport.signaling.session.SignalingException;
import org.remotesupport.signaling.ticket.Severity;
import org.remotesupport.signaling.ticket.Tier;

/** The engine on in-memory stores, without WebSockets: races that a test over sockets could only hit by luck. */
class MatchingEngineTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    private final InMemoryQueueStore queue = new InMemoryQueueStore();
    private final InMemoryPresenceStore presence = new InMemoryPresenceStore();
    private final InMemorySessionRegistry registry = new InMemorySessionRegistry();
    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SessionService sessions = new SessionService(registry, new InMemorySessionLocks(), new FakeRelayControl(),
            (participantId, message) -> sent.add(new Sent(participantId, message)), clock, new SecureRandom(), 4);
    private final MatchingEngine engine = new MatchingEngine(queue, presence, new InMemoryContactHistory(), sessions,
            (participantId, message) -> sent.add(new Sent(participantId, message)), clock, new SecureRandom(),
            MatchingProperties.defaults(), Executors.newSingleThreadScheduledExecutor());
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    private record Sent(String participantId, ServerMessage message) {
    }

    @AfterEach
    void stop() {
        engine.close();
        pool.shutdownNow();
    }

    @Test
    void ofEightAgentsPickingOneCustomerAtOnceExactlyOneGetsIt() throws Exception {
        for (int round = 0; round < 50; round++) {
            QueueEntry entry = PriorityPolicyTest.entry("phones", Tier.STANDARD, Severity.NORMAL, false, 10);
            queue.add(entry);
            List<Member> agents = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Member agent = new Member("agent-" + round + "-" + i, Role.AGENT, "Agent " + i);
                presence.declare(available(agent));
                agents.add(agent);
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> picks = new ArrayList<>();
            for (Member agent : agents) {
                picks.add(pool.submit(() -> {
                    go.await(5, TimeUnit.SECONDS);
                    try {
                        engine.pick(agent, "r", entry.ticketId());
                        return true;
                    } catch (SignalingException e) {
                        assertThat(e.code()).isIn(ErrorCode.OFFER_GONE, ErrorCode.NOT_QUEUED);
                        return false;
                    }
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> pick : picks) {
                winners += pick.get(5, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).as("round %d", round).isEqualTo(1);
            assertThat(queue.find(entry.ticketId())).isEmpty();
            // every loser is free again: no offer left hanging, no session counted
            long busy = agents.stream().map(a -> presence.find(a.participantId()).orElseThrow())
                    .filter(p -> !p.sessions().isEmpty()).count();
            assertThat(busy).isEqualTo(1);
            assertThat(agents.stream().map(a -> presence.find(a.participantId()).orElseThrow().offerId()))
                    .containsOnlyNulls();
        }
    }

    @Test
    void anAcceptThatRacesTheRingTimeoutEitherStartsTheSessionOrLeavesTheCustomerWaiting() throws Exception {
        for (int round = 0; round < 50; round++) {
            QueueEntry entry = PriorityPolicyTest.entry("phones", Tier.STANDARD, Severity.NORMAL, false, 10);
            queue.add(entry);
            Member agent = new Member("agent-r" + round, Role.AGENT, "Agent");
            presence.declare(available(agent));
            engine.matchCustomer(entry.ticketId());
            String offerId = presence.find(agent.participantId()).orElseThrow().offerId();
            assertThat(offerId).isNotNull();

            CountDownLatch go = new CountDownLatch(1);
            Future<Boolean> accepted = pool.submit(() -> {
                go.await(5, TimeUnit.SECONDS);
                try {
                    engine.accept(agent, "a", offerId);
                    return true;
                } catch (SignalingException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.OFFER_GONE);
                    return false;
                }
            });
            Future<?> rangOut = pool.submit(() -> {
                go.await(5, TimeUnit.SECONDS);
                engine.ringOut(entry.ticketId(), offerId, agent.participantId());
                return null;
            });
            go.countDown();
            boolean started = accepted.get(5, TimeUnit.SECONDS);
            rangOut.get(5, TimeUnit.SECONDS);

            AgentPresence after = presence.find(agent.participantId()).orElseThrow();
            if (started) {
                assertThat(queue.find(entry.ticketId())).isEmpty();
                assertThat(after.sessions()).hasSize(1);
                assertThat(after.offerId()).isNull();
            } else {
                // still queued (and rung again at once if the agent, who answered too late, is free)
                assertThat(queue.find(entry.ticketId())).isPresent();
                assertThat(after.sessions()).isEmpty();
            }
            presence.remove(agent.participantId());
            queue.remove(entry.ticketId());
        }
    }

    @Test
    void aNewcomerDoesNotTakeAFreshlyFreedAgentFromACustomerWhoWaitedLonger() {
        QueueEntry waitedLong = PriorityPolicyTest.entry("phones", Tier.STANDARD, Severity.NORMAL, false, 300);
        QueueEntry newcomer = PriorityPolicyTest.entry("phones", Tier.STANDARD, Severity.NORMAL, false, 0);
        queue.add(waitedLong);
        queue.add(newcomer);
        // the agent became free, but the event saying so is not handled yet when the newcomer's is
        presence.declare(available(new Member("agent", Role.AGENT, "Ana")));

        engine.matchCustomer(newcomer.ticketId());

        assertThat(queue.find(waitedLong.ticketId()).orElseThrow().offer()).isNotNull();
        assertThat(queue.find(newcomer.ticketId()).orElseThrow().offer()).isNull();
    }

    @Test
    void anOfferIsAcceptedOnlyByTheAgentItRingsAt() {
        QueueEntry entry = PriorityPolicyTest.entry("phones", Tier.STANDARD, Severity.NORMAL, false, 10);
        queue.add(entry);
        Member ringing = new Member("ringing", Role.AGENT, "Ringing");
        presence.declare(available(ringing));
        engine.matchCustomer(entry.ticketId());
        String offerId = presence.find("ringing").orElseThrow().offerId();
        Member other = new Member("other", Role.AGENT, "Other");
        presence.declare(available(other));

        assertThatThrownBy(() -> engine.accept(other, "x", offerId)).isInstanceOf(SignalingException.class)
                .extracting(e -> ((SignalingException) e).code()).isEqualTo(ErrorCode.OFFER_GONE);
        assertThatThrownBy(() -> engine.decline(other, "x", offerId)).isInstanceOf(SignalingException.class);
        assertThat(queue.find(entry.ticketId()).orElseThrow().ringing(offerId)).isTrue();
        engine.accept(ringing, "y", offerId);
        assertThat(sent).filteredOn(s -> s.message() instanceof ServerMessage.SessionStarted).hasSize(2);
    }

    private static AgentPresence available(Member agent) {
        return new AgentPresence(agent.participantId(), agent.participantId(), agent.name(), Availability.AVAILABLE,
                Set.of("en"), Set.of("phones"), 1, false, Set.of(), null, true, NOW, NOW.plusSeconds(60));
    }

}
