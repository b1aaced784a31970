package org.remotesupport.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.ticket.Severity;
import org.remotesupport.signaling.ticket.Ticket;
import org.remotesupport.signaling.ticket.Tier;

/**
 * What every {@link SessionRegistry} promises, run against each implementation by a subclass. The
 * registry's clock, where it has one, reads {@link #NOW}. {@link #anotherNode()} is a second handle
 * on the same store, as another signaling node would hold it (the same object for in-memory stores).
 */
public abstract class SessionRegistryContract {

    protected static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Member AGENT = new Member("agent1", Role.AGENT, "Ana");
    private static final Member CUSTOMER = new Member("cust1", Role.CUSTOMER, "Carla");

    private SessionRegistry registry;
    private ExecutorService threads;

    /** A new, empty registry. */
    protected abstract SessionRegistry newRegistry();

    /** Another handle on the registry last made by {@link #newRegistry()}, as a second node holds it. */
    protected abstract SessionRegistry anotherNode();

    @BeforeEach
    void createRegistry() {
        registry = newRegistry();
        threads = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aCodeIsUsableOnceUntilItExpires() {
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("CODE", "s1", NOW.plusSeconds(60)));

        assertThat(registry.sessionIdForCode("CODE", NOW)).contains("s1");
        assertThat(registry.sessionIdForCode("CODE", NOW.plusSeconds(60))).isEmpty();
        assertThat(registry.redeem("CODE", CUSTOMER, NOW).orElseThrow().members()).containsExactly(AGENT, CUSTOMER);
        assertThat(registry.redeem("CODE", new Member("cust2", Role.CUSTOMER, "Eve"), NOW)).isEmpty();
        assertThat(registry.sessionIdForCode("CODE", NOW)).isEmpty();
        assertThat(registry.find("s1").orElseThrow().members()).containsExactly(AGENT, CUSTOMER);
    }

    @Test
    void anExpiredCodeCannotBeRedeemed() {
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("CODE", "s1", NOW));

        assertThat(registry.redeem("CODE", CUSTOMER, NOW)).isEmpty();
        assertThat(registry.find("s1").orElseThrow().members()).containsExactly(AGENT);
        assertThat(registry.sessionIdsOf(CUSTOMER.participantId())).isEmpty();
    }

    @Test
    void anUnknownCodeOrSessionIsEmpty() {
        assertThat(registry.sessionIdForCode("NOPE", NOW)).isEmpty();
        assertThat(registry.redeem("NOPE", CUSTOMER, NOW)).isEmpty();
        assertThat(registry.find("nope")).isEmpty();
        assertThat(registry.setMedia("nope", AGENT.participantId(), true)).isEmpty();
        assertThat(registry.removeMember("nope", AGENT.participantId())).isEmpty();
        assertThat(registry.remove("nope")).isEmpty();
        assertThat(registry.sessionIdsOf("nobody")).isEmpty();
        assertThat(registry.size()).isZero();
    }

    @Test
    void aTakenCodeOrSessionIdStoresNothing() {
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("CODE", "s1", NOW.plusSeconds(60)));

        assertThat(registry.create(SupportSession.open("s2", AGENT), new JoinCode("CODE", "s2", NOW.plusSeconds(60))))
                .isFalse();
        assertThat(registry.create(SupportSession.open("s1", AGENT), new JoinCode("OTHER", "s1", NOW.plusSeconds(60))))
                .isFalse();
        assertThat(registry.find("s2")).isEmpty();
        assertThat(registry.sessionIdForCode("OTHER", NOW)).isEmpty();
        assertThat(registry.sessionIdForCode("CODE", NOW)).contains("s1");
        assertThat(registry.sessionIdsOf(AGENT.participantId())).containsExactly("s1");
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void membershipAndMediaAreTracked() {
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("C1", "s1", NOW.plusSeconds(60)));
        registry.create(SupportSession.open("s2", AGENT), new JoinCode("C2", "s2", NOW.plusSeconds(60)));
        registry.redeem("C1", CUSTOMER, NOW);

        assertThat(registry.sessionIdsOf(AGENT.participantId())).containsExactly("s1", "s2");
        assertThat(registry.sessionIdsOf(CUSTOMER.participantId())).containsExactly("s1");
        assertThat(registry.setMedia("s1", CUSTOMER.participantId(), true).orElseThrow().hasMedia("cust1")).isTrue();
        assertThat(registry.find("s1").orElseThrow().hasMedia("cust1")).isTrue();
        assertThat(registry.setMedia("s2", CUSTOMER.participantId(), true)).isEmpty();

        SupportSession after = registry.removeMember("s1", CUSTOMER.participantId()).orElseThrow();
        assertThat(after.members()).containsExactly(AGENT);
        assertThat(after.withMedia()).isEmpty();
        assertThat(registry.find("s1")).contains(after);
        assertThat(registry.sessionIdsOf(CUSTOMER.participantId())).isEmpty();
        assertThat(registry.removeMember("s1", CUSTOMER.participantId())).isEmpty();
    }

    @Test
    void sessionsOfAParticipantComeOldestFirst() {
        for (String id : List.of("zz", "mm", "aa")) {
            registry.create(SupportSession.open(id, AGENT), new JoinCode("C" + id, id, NOW.plusSeconds(60)));
        }
        assertThat(registry.sessionIdsOf(AGENT.participantId())).containsExactly("zz", "mm", "aa");
        registry.remove("mm");
        assertThat(registry.sessionIdsOf(AGENT.participantId())).containsExactly("zz", "aa");
    }

    @Test
    void removingASessionRemovesItsUnusedCodeAndMemberships() {
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("C1", "s1", NOW.plusSeconds(60)));

        assertThat(registry.remove("s1").orElseThrow().sessionId()).isEqualTo("s1");
        assertThat(registry.remove("s1")).isEmpty();
        assertThat(registry.sessionIdForCode("C1", NOW)).isEmpty();
        assertThat(registry.sessionIdsOf(AGENT.participantId())).isEmpty();
        assertThat(registry.size()).isZero();
        // the code is free again
        assertThat(registry.create(SupportSession.open("s2", AGENT), new JoinCode("C1", "s2", NOW.plusSeconds(60))))
                .isTrue();
    }

    @Test
    void removingASessionAfterItsCodeWasUsedRemovesEveryMembership() {
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("C1", "s1", NOW.plusSeconds(60)));
        registry.redeem("C1", CUSTOMER, NOW);
        registry.setMedia("s1", CUSTOMER.participantId(), true);

        SupportSession last = registry.remove("s1").orElseThrow();
        assertThat(last.members()).containsExactly(AGENT, CUSTOMER);
        assertThat(last.withMedia()).containsExactly(CUSTOMER.participantId());
        assertThat(registry.sessionIdsOf(AGENT.participantId())).isEmpty();
        assertThat(registry.sessionIdsOf(CUSTOMER.participantId())).isEmpty();
    }

    @Test
    void anotherNodeSeesTheSameSessions() {
        SessionRegistry other = anotherNode();
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("C1", "s1", NOW.plusSeconds(60)));

        assertThat(other.sessionIdForCode("C1", NOW)).contains("s1");
        assertThat(other.redeem("C1", CUSTOMER, NOW)).isPresent();
        assertThat(registry.find("s1").orElseThrow().members()).containsExactly(AGENT, CUSTOMER);
        assertThat(registry.sessionIdsOf(CUSTOMER.participantId())).containsExactly("s1");
        assertThat(other.size()).isEqualTo(1);
    }

    @Test
    void aSessionFromTheQueueNeedsNoCodeAndKeepsItsTicket() {
        Ticket ticket = new Ticket("t1", "ORD-1", "Barista", "coffee", "es", Tier.VIP, Severity.HIGH, "leaks", null,
                null, NOW.minusSeconds(30));
        SupportSession matched = SupportSession.matched("s1", AGENT, CUSTOMER, ticket, NOW);

        assertThat(registry.open(matched)).isTrue();
        assertThat(anotherNode().open(SupportSession.open("s1", AGENT))).isFalse();
        SupportSession read = anotherNode().find("s1").orElseThrow();
        assertThat(read).isEqualTo(matched);
        assertThat(read.ticket()).isEqualTo(ticket);
        assertThat(read.startedAt()).isEqualTo(NOW);
        assertThat(registry.sessionIdsOf(CUSTOMER.participantId())).containsExactly("s1");
        assertThat(registry.all()).containsExactly(matched);
    }

    @Test
    void aCustomerJoiningByCodeStartsTheClock() {
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("C1", "s1", NOW.plusSeconds(60)));
        assertThat(registry.find("s1").orElseThrow().startedAt()).isNull();
        assertThat(registry.redeem("C1", CUSTOMER, NOW.plusSeconds(5)).orElseThrow().startedAt())
                .isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void invitedAgentsJoinInTheRoleTheyWereInvitedAs() {
        Member expert = new Member("agent2", Role.AGENT, "Eva");
        registry.open(SupportSession.matched("s1", AGENT, CUSTOMER, null, NOW));

        assertThat(registry.invite("s1", CUSTOMER.participantId(), Role.OBSERVER)).as("a member").isEmpty();
        assertThat(registry.invite("nope", "agent2", Role.EXPERT)).isEmpty();
        assertThat(registry.invite("s1", "agent2", Role.EXPERT).orElseThrow().invitations())
                .containsEntry("agent2", Role.EXPERT);
        assertThat(anotherNode().acceptInvitation("s1", new Member("agent3", Role.AGENT, "Olaf"))).isEmpty();

        SupportSession joined = anotherNode().acceptInvitation("s1", expert).orElseThrow();
        assertThat(joined.members()).containsExactly(AGENT, CUSTOMER, expert.withRole(Role.EXPERT));
        assertThat(joined.invitations()).isEmpty();
        assertThat(registry.sessionIdsOf("agent2")).containsExactly("s1");
        assertThat(registry.acceptInvitation("s1", expert)).as("used up").isEmpty();

        registry.invite("s1", "agent3", Role.OBSERVER);
        assertThat(registry.declineInvitation("s1", "agent3").orElseThrow().invitations()).isEmpty();
        assertThat(registry.declineInvitation("s1", "agent3")).isEmpty();
    }

    @Test
    void anAddedMemberIsIndexedAndAddedOnce() {
        Member observer = new Member("sup1", Role.OBSERVER, "Sue");
        registry.open(SupportSession.matched("s1", AGENT, CUSTOMER, null, NOW));

        assertThat(registry.addMember("s1", observer).orElseThrow().members()).endsWith(observer);
        assertThat(anotherNode().addMember("s1", observer)).isEmpty();
        assertThat(registry.addMember("nope", observer)).isEmpty();
        assertThat(registry.sessionIdsOf("sup1")).containsExactly("s1");
    }

    @Test
    void droppedMembersAndUnansweredOffersAreKeptForTheirResume() {
        registry.open(SupportSession.matched("s1", AGENT, CUSTOMER, null, NOW));
        PendingOffer first = new PendingOffer(1, "v=0 one", Map.of("video", "1"));
        PendingOffer second = new PendingOffer(2, "v=0 two", Map.of("video", "1"));

        assertThat(registry.setPendingOffer("s1", CUSTOMER.participantId(), first)).as("no media yet").isEmpty();
        registry.setMedia("s1", CUSTOMER.participantId(), true);
        registry.setPendingOffer("s1", CUSTOMER.participantId(), first);
        anotherNode().setPendingOffer("s1", CUSTOMER.participantId(), second);
        assertThat(registry.setReconnecting("s1", CUSTOMER.participantId(), true).orElseThrow()
                .isReconnecting(CUSTOMER.participantId())).isTrue();

        SupportSession dropped = anotherNode().find("s1").orElseThrow();
        assertThat(dropped.reconnecting()).containsExactly(CUSTOMER.participantId());
        assertThat(dropped.pendingOffers()).containsExactly(Map.entry(CUSTOMER.participantId(), second));

        assertThat(registry.answered("s1", CUSTOMER.participantId(), 1).orElseThrow().pendingOffers())
                .as("an older revision leaves the newer offer").containsKey(CUSTOMER.participantId());
        assertThat(registry.answered("s1", CUSTOMER.participantId(), 2).orElseThrow().pendingOffers()).isEmpty();
        assertThat(registry.setReconnecting("s1", CUSTOMER.participantId(), false).orElseThrow().reconnecting())
                .isEmpty();
        assertThat(registry.setReconnecting("s1", "stranger", true)).isEmpty();
        assertThat(registry.answered("s1", "stranger", 1)).isEmpty();
    }

    @Test
    void allListsEveryStoredSession() {
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("C1", "s1", NOW.plusSeconds(60)));
        registry.open(SupportSession.matched("s2", AGENT, CUSTOMER, null, NOW));
        assertThat(anotherNode().all()).extracting(SupportSession::sessionId).containsExactlyInAnyOrder("s1", "s2");
        registry.remove("s1");
        assertThat(anotherNode().all()).extracting(SupportSession::sessionId).containsExactly("s2");
    }

    @Test
    void customersRacingForOneCodeOnSeveralNodesLetExactlyOneIn() throws Exception {
        int racers = 8;
        SessionRegistry other = anotherNode();
        for (int round = 0; round < 20; round++) {
            String sessionId = "s" + round;
            String code = "CODE" + round;
            registry.create(SupportSession.open(sessionId, AGENT), new JoinCode(code, sessionId, NOW.plusSeconds(60)));
            List<Callable<Optional<SupportSession>>> attempts = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                SessionRegistry node = i % 2 == 0 ? registry : other;
                Member customer = new Member("c" + round + "x" + i, Role.CUSTOMER, "Carla " + i);
                attempts.add(() -> node.redeem(code, customer, NOW));
            }
            List<Optional<SupportSession>> results = race(attempts);

            assertThat(results.stream().filter(Optional::isPresent).count()).as("customers let in").isEqualTo(1);
            SupportSession session = registry.find(sessionId).orElseThrow();
            assertThat(session.members()).hasSize(2);
            String winner = session.members().get(1).participantId();
            for (int i = 0; i < racers; i++) {
                String customer = "c" + round + "x" + i;
                assertThat(registry.sessionIdsOf(customer)).as(customer)
                        .isEqualTo(customer.equals(winner) ? List.of(sessionId) : List.of());
            }
        }
    }

    @Test
    void concurrentChangesToOneSessionOnSeveralNodesAreAllKept() throws Exception {
        List<Member> members = new ArrayList<>(List.of(AGENT));
        for (int i = 1; i < 16; i++) {
            members.add(new Member("p" + i, Role.CUSTOMER, "Person " + i));
        }
        registry.create(new SupportSession("s1", AGENT.participantId(), members, Set.of()),
                new JoinCode("C1", "s1", NOW.plusSeconds(60)));
        List<Callable<Optional<SupportSession>>> changes = new ArrayList<>();
        SessionRegistry other = anotherNode();
        for (int i = 0; i < members.size(); i++) {
            SessionRegistry node = i % 2 == 0 ? registry : other;
            String participant = members.get(i).participantId();
            changes.add(() -> node.setMedia("s1", participant, true));
        }
        assertThat(race(changes)).allSatisfy(result -> assertThat(result).isPresent());

        // a lost update would leave someone's media mark out
        assertThat(registry.find("s1").orElseThrow().withMedia())
                .containsExactlyInAnyOrderElementsOf(members.stream().map(Member::participantId).toList());
        assertThat(registry.sessionIdsOf("p7")).containsExactly("s1");
    }

    private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(threads.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(20, TimeUnit.SECONDS));
        }
        return results;
    }
}
