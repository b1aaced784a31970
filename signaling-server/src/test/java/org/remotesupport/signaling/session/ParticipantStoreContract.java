package org.remotesupport.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.StoreRace;

/**
 * What every {@link ParticipantStore} promises, run against each implementation by a subclass;
 * {@link #anotherNode()} is the store as a second signaling node holds it.
 */
public abstract class ParticipantStoreContract {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Member CARLA = new Member("p1", Role.CUSTOMER, "Carla");

    protected abstract ParticipantStore newStore();

    /** The store last made by {@link #newStore()}, as another node holds it. */
    protected abstract ParticipantStore anotherNode();

    @Test
    void aDroppedParticipantResumesOnceWithinItsGraceOnAnyNode() {
        ParticipantStore store = newStore();
        store.put(ParticipantRecord.connected(CARLA, "hash-1", "conn-1"));
        assertThat(anotherNode().find("p1").orElseThrow().isConnected()).isTrue();

        assertThat(store.disconnect("p1", "conn-other", NOW, NOW.plusSeconds(60))).as("not its connection").isEmpty();
        ParticipantRecord dropped = store.disconnect("p1", "conn-1", NOW, NOW.plusSeconds(60)).orElseThrow();
        assertThat(dropped.graceUntil()).isEqualTo(NOW.plusSeconds(60));
        assertThat(store.disconnect("p1", "conn-1", NOW, NOW.plusSeconds(60))).as("already dropped").isEmpty();

        ParticipantRecord before = anotherNode().resume("hash-1", "conn-2", "hash-2", NOW.plusSeconds(59)).orElseThrow();
        assertThat(before.connectionId()).isEqualTo("conn-1");
        assertThat(store.resume("hash-1", "conn-3", "hash-3", NOW.plusSeconds(59))).as("token used up").isEmpty();
        ParticipantRecord now = store.find("p1").orElseThrow();
        assertThat(now.isConnected()).isTrue();
        assertThat(now.connectionId()).isEqualTo("conn-2");
        assertThat(now.resumeTokenHash()).isEqualTo("hash-2");
        assertThat(now.member()).isEqualTo(CARLA);
        assertThat(store.expired(NOW.plusSeconds(3600))).isEmpty();
    }

    @Test
    void pastItsGraceAParticipantCannotResumeAndIsSweptOnce() throws Exception {
        ParticipantStore store = newStore();
        store.put(ParticipantRecord.connected(CARLA, "hash-1", "conn-1"));
        store.put(ParticipantRecord.connected(new Member("p2", Role.AGENT, "Ana"), "hash-x", "conn-x"));
        store.disconnect("p1", "conn-1", NOW, NOW.plusSeconds(60));

        assertThat(store.expired(NOW.plusSeconds(59))).isEmpty();
        assertThat(store.removeIfExpired("p1", NOW.plusSeconds(59))).isEmpty();
        assertThat(anotherNode().expired(NOW.plusSeconds(60))).extracting(ParticipantRecord::participantId)
                .containsExactly("p1");
        assertThat(store.resume("hash-1", "conn-2", "hash-2", NOW.plusSeconds(60))).isEmpty();

        ParticipantStore other = anotherNode();
        List<Optional<ParticipantRecord>> sweeps = StoreRace.race(List.of(
                () -> store.removeIfExpired("p1", NOW.plusSeconds(61)),
                () -> other.removeIfExpired("p1", NOW.plusSeconds(61)),
                () -> other.removeIfExpired("p1", NOW.plusSeconds(62))));
        assertThat(sweeps.stream().filter(Optional::isPresent).count()).isEqualTo(1);
        assertThat(store.find("p1")).isEmpty();
        assertThat(store.expired(NOW.plusSeconds(3600))).isEmpty();
        assertThat(store.removeIfExpired("p2", NOW.plusSeconds(3600))).as("still connected").isEmpty();
    }

    @Test
    void ofTwoConnectionsResumingWithOneTokenExactlyOneTakesThePlace() throws Exception {
        ParticipantStore store = newStore();
        ParticipantStore other = anotherNode();
        for (int round = 0; round < 10; round++) {
            String id = "p" + round;
            store.put(ParticipantRecord.connected(new Member(id, Role.CUSTOMER, "C"), "hash-" + round, "conn-0"));
            store.disconnect(id, "conn-0", NOW, NOW.plusSeconds(60));
            List<Callable<Optional<ParticipantRecord>>> attempts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ParticipantStore node = i % 2 == 0 ? store : other;
                String connection = "conn-" + (i + 1);
                String token = "new-" + round + "-" + i;
                String used = "hash-" + round;
                attempts.add(() -> node.resume(used, connection, token, NOW.plusSeconds(1)));
            }
            List<Optional<ParticipantRecord>> results = StoreRace.race(attempts);
            assertThat(results.stream().filter(Optional::isPresent).count()).as("round %d", round).isEqualTo(1);
        }
    }

    @Test
    void aPutReplacesTheRecordAndItsTokenAndRemoveForgetsBoth() {
        ParticipantStore store = newStore();
        store.put(ParticipantRecord.connected(CARLA, "hash-1", "conn-1"));
        anotherNode().put(ParticipantRecord.connected(CARLA, "hash-2", "conn-2"));

        assertThat(store.resume("hash-1", "conn-3", "hash-3", NOW)).as("the replaced token").isEmpty();
        assertThat(store.find("p1").orElseThrow().connectionId()).isEqualTo("conn-2");
        assertThat(anotherNode().remove("p1")).isPresent();
        assertThat(store.remove("p1")).isEmpty();
        assertThat(store.resume("hash-2", "conn-3", "hash-3", NOW)).isEmpty();
    }
}
