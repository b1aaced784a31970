package org.remotesupport.signaling.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.StoreRace;

/**
 * What every {@link PresenceStore} promises, run against each implementation by a subclass;
 * {@link #anotherNode()} is the store as a second signaling node holds it.
 */
public abstract class PresenceStoreContract {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    protected abstract PresenceStore newStore();

    /** The store last made by {@link #newStore()}, as another node holds it. */
    protected abstract PresenceStore anotherNode();

    private static AgentPresence ana(int capacity) {
        return agent("ana", capacity);
    }

    private static AgentPresence agent(String id, int capacity) {
        return new AgentPresence(id, "p-" + id, "Ana", Availability.AVAILABLE, Set.of("en", "es"), Set.of("coffee"),
                capacity, false, Set.of(), null, true, NOW, NOW.plusSeconds(30));
    }

    @Test
    void aDeclarationIsStoredWholeAndARedeclarationKeepsSessionsOfferAndIdleTime() {
        PresenceStore store = newStore();
        AgentPresence declared = ana(2);
        assertThat(store.declare(declared)).isEqualTo(declared);
        assertThat(anotherNode().find("ana")).contains(declared);
        store.reserve("ana", "offer-1", NOW);
        store.startSession("ana", "offer-1", "s1");
        store.reserve("ana", "offer-2", NOW);

        AgentPresence changed = new AgentPresence("ana", "p-ana-2", "Ana B.", Availability.BUSY, Set.of("de"),
                Set.of(), 3, true, Set.of(), null, true, NOW.plusSeconds(99), NOW.plusSeconds(60));
        AgentPresence stored = anotherNode().declare(changed);

        assertThat(stored.participantId()).isEqualTo("p-ana-2");
        assertThat(stored.availability()).isEqualTo(Availability.BUSY);
        assertThat(stored.languages()).containsExactly("de");
        assertThat(stored.capacity()).isEqualTo(3);
        assertThat(stored.autoAccept()).isTrue();
        assertThat(stored.sessions()).containsExactly("s1");
        assertThat(stored.offerId()).isEqualTo("offer-2");
        assertThat(stored.idleSince()).isEqualTo(NOW);
        assertThat(store.find("ana")).contains(stored);
        assertThat(store.all()).containsExactly(stored);
    }

    @Test
    void onlyTheAgentsOwnConnectionRenewsOrDisconnectsIt() {
        PresenceStore store = newStore();
        store.declare(ana(1));

        assertThat(store.heartbeat("ana", "p-other", NOW.plusSeconds(90))).isFalse();
        assertThat(anotherNode().heartbeat("ana", "p-ana", NOW.plusSeconds(90))).isTrue();
        assertThat(store.find("ana").orElseThrow().expiresAt()).isEqualTo(NOW.plusSeconds(90));
        assertThat(store.heartbeat("nobody", "p", NOW)).isFalse();

        assertThat(store.setConnected("ana", "p-other", false, NOW)).isEmpty();
        AgentPresence dropped = store.setConnected("ana", "p-ana", false, NOW.plusSeconds(60)).orElseThrow();
        assertThat(dropped.connected()).isFalse();
        assertThat(dropped.canTakeOffer(NOW)).isFalse();
        assertThat(store.setAvailability("ana", Availability.AWAY).orElseThrow().availability())
                .isEqualTo(Availability.AWAY);
        assertThat(store.setAvailability("nobody", Availability.AWAY)).isEmpty();
    }

    @Test
    void anOfferRingsOnlyAtAnAgentThatCanTakeIt() {
        PresenceStore store = newStore();
        store.declare(ana(1));

        assertThat(store.reserve("ana", "o1", NOW.plusSeconds(30))).as("expired").isEmpty();
        assertThat(store.reserve("ana", "o1", NOW).orElseThrow().offerId()).isEqualTo("o1");
        assertThat(anotherNode().reserve("ana", "o2", NOW)).as("one offer at a time").isEmpty();
        assertThat(store.clearOffer("ana", "o2")).isEmpty();
        assertThat(store.clearOffer("ana", "o1").orElseThrow().offerId()).isNull();

        store.reserve("ana", "o3", NOW);
        assertThat(store.startSession("ana", "o9", "s1")).as("another offer").isEmpty();
        AgentPresence serving = store.startSession("ana", "o3", "s1").orElseThrow();
        assertThat(serving.sessions()).containsExactly("s1");
        assertThat(serving.offerId()).isNull();
        assertThat(store.reserve("ana", "o4", NOW)).as("at capacity").isEmpty();
        assertThat(store.startSession("ana", null, "s2").orElseThrow().sessions())
                .as("an invitation joins whatever the load").containsExactlyInAnyOrder("s1", "s2");

        AgentPresence idle = store.endSession("ana", "s1", NOW.plusSeconds(5)).orElseThrow();
        assertThat(idle.sessions()).containsExactly("s2");
        assertThat(idle.idleSince()).isEqualTo(NOW.plusSeconds(5));
        store.setAvailability("ana", Availability.BUSY);
        store.endSession("ana", "s2", NOW.plusSeconds(6));
        assertThat(store.reserve("ana", "o5", NOW)).as("busy").isEmpty();
    }

    @Test
    void ofNodesRingingOneAgentAtOnceExactlyOneSucceeds() throws Exception {
        PresenceStore store = newStore();
        PresenceStore other = anotherNode();
        for (int round = 0; round < 10; round++) {
            String agentId = "agent" + round;
            store.declare(agent(agentId, 1));
            List<Callable<Optional<AgentPresence>>> attempts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                PresenceStore node = i % 2 == 0 ? store : other;
                String offer = "r" + round + "o" + i;
                attempts.add(() -> node.reserve(agentId, offer, NOW));
            }
            List<Optional<AgentPresence>> results = StoreRace.race(attempts);
            assertThat(results.stream().filter(Optional::isPresent).count()).as("round %d", round).isEqualTo(1);
            String winner = results.stream().flatMap(Optional::stream).findFirst().orElseThrow().offerId();
            assertThat(store.find(agentId).orElseThrow().offerId()).isEqualTo(winner);
        }
    }

    @Test
    void anExpiredPresenceIsRemovedByExactlyOneSweeper() throws Exception {
        PresenceStore store = newStore();
        store.declare(ana(1));
        assertThat(store.removeIfExpired("ana", NOW.plusSeconds(29))).isEmpty();

        PresenceStore other = anotherNode();
        List<Optional<AgentPresence>> results = StoreRace.race(List.of(
                () -> store.removeIfExpired("ana", NOW.plusSeconds(30)),
                () -> other.removeIfExpired("ana", NOW.plusSeconds(30)),
                () -> store.removeIfExpired("ana", NOW.plusSeconds(31))));
        assertThat(results.stream().filter(Optional::isPresent).count()).isEqualTo(1);
        assertThat(store.find("ana")).isEmpty();
        assertThat(store.all()).isEmpty();

        store.declare(ana(1));
        assertThat(other.remove("ana")).isPresent();
        assertThat(store.remove("ana")).isEmpty();
    }
}
