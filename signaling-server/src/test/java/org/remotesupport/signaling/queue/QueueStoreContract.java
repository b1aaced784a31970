package org.remotesupport.signaling.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.StoreRace;
import org.remotesupport.signaling.ticket.Severity;
import org.remotesupport.signaling.ticket.Ticket;
import org.remotesupport.signaling.ticket.Tier;

/**
 * What every {@link QueueStore} promises, run against each implementation by a subclass;
 * {@link #anotherNode()} is the store as a second signaling node holds it.
 */
public abstract class QueueStoreContract {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    protected abstract QueueStore newStore();

    /** The store last made by {@link #newStore()}, as another node holds it. */
    protected abstract QueueStore anotherNode();

    private static QueueEntry entry(String ticketId) {
        return entry(ticketId, "es");
    }

    private static QueueEntry entry(String ticketId, String language) {
        Ticket ticket = new Ticket(ticketId, "ORD-" + ticketId, "Barista", "coffee", language, Tier.VIP, Severity.HIGH,
                "leaks", null, null, NOW.minusSeconds(60));
        return new QueueEntry(ticket, "p-" + ticketId, "Carla", NOW, true, null, Set.of(), true, "ana");
    }

    private static Offer offer(String id, String agent) {
        return new Offer(id, agent, NOW, NOW.plusSeconds(15));
    }

    @Test
    void anEntryIsAddedOnceAndReadBackWhole() {
        QueueStore store = newStore();
        long before = store.version();
        QueueEntry first = entry("t1");

        assertThat(store.add(first)).isEqualTo(first);
        QueueEntry again = new QueueEntry(first.ticket(), "p-other", "Other", NOW.plusSeconds(9), true, null, Set.of(),
                false, null);
        assertThat(anotherNode().add(again)).as("the place is kept").isEqualTo(first);
        assertThat(anotherNode().find("t1")).contains(first);
        assertThat(store.entries()).containsExactly(first);
        assertThat(store.size()).isEqualTo(1);
        assertThat(anotherNode().version()).isEqualTo(before + 1);
        assertThat(store.find("t2")).isEmpty();
    }

    @Test
    void aCustomerIsRungWhileConnectedAndWaitingOnly() {
        QueueStore store = newStore();
        store.add(entry("t1"));
        long version = store.version();

        QueueEntry away = store.rebind("t1", "p-new", false).orElseThrow();
        assertThat(away.participantId()).isEqualTo("p-new");
        assertThat(store.reserve("t1", offer("o1", "ana"))).as("disconnected").isEmpty();
        store.rebind("t1", "p-new", true);
        assertThat(anotherNode().reserve("t1", offer("o1", "ana")).orElseThrow().ringing("o1")).isTrue();
        assertThat(store.reserve("t1", offer("o2", "max"))).as("ringing").isEmpty();
        assertThat(store.version()).isEqualTo(version + 3);

        assertThat(store.release("t1", "o2", true)).isEmpty();
        QueueEntry declined = store.release("t1", "o1", true).orElseThrow();
        assertThat(declined.waiting()).isTrue();
        assertThat(declined.declinedBy()).containsExactly("ana");
        assertThat(store.rebind("t9", "p", true)).isEmpty();
        assertThat(store.version()).as("refusals change nothing").isEqualTo(version + 4);
    }

    @Test
    void ofAgentsAcceptingOneCustomerAtOnceExactlyOneGetsIt() throws Exception {
        QueueStore store = newStore();
        QueueStore other = anotherNode();
        for (int round = 0; round < 10; round++) {
            String ticket = "t" + round;
            store.add(entry(ticket));
            store.reserve(ticket, offer("o" + round, "ana"));
            List<Callable<Optional<QueueEntry>>> attempts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                QueueStore node = i % 2 == 0 ? store : other;
                String offerId = i < 4 ? "o" + round : "stale";
                attempts.add(() -> node.claim(ticket, offerId));
            }
            List<Optional<QueueEntry>> results = StoreRace.race(attempts);
            assertThat(results.stream().filter(Optional::isPresent).count()).as("round %d", round).isEqualTo(1);
            assertThat(store.find(ticket)).isEmpty();
        }
        assertThat(store.size()).isZero();
    }

    @Test
    void ringingOffersThatRangOutAreFoundAndEntriesRemoved() {
        QueueStore store = newStore();
        store.add(entry("t1"));
        store.add(entry("t2"));
        store.add(entry("t3"));
        store.reserve("t1", offer("o1", "ana"));
        store.reserve("t2", new Offer("o2", "max", NOW, NOW.plusSeconds(60)));

        assertThat(anotherNode().ringingExpired(NOW.plusSeconds(15))).extracting(QueueEntry::ticketId)
                .containsExactly("t1");
        assertThat(store.ringingExpired(NOW.plusSeconds(14))).isEmpty();
        assertThat(store.remove("t3")).isPresent();
        assertThat(anotherNode().remove("t3")).isEmpty();
        assertThat(store.entries()).extracting(QueueEntry::ticketId).containsExactlyInAnyOrder("t1", "t2");
    }

    @Test
    void anOfferThatEndedIsNoLongerDueToRingOut() {
        QueueStore store = newStore();
        for (String ticket : new String[] {"t1", "t2", "t3"}) {
            store.add(entry(ticket, "es"));
        }
        store.reserve("t1", offer("o1", "ana"));
        store.reserve("t2", offer("o2", "max"));
        store.reserve("t3", offer("o3", "li"));

        store.release("t1", "o1", false);
        assertThat(anotherNode().claim("t2", "o2")).isPresent();

        assertThat(anotherNode().ringingExpired(NOW.plusSeconds(60))).extracting(QueueEntry::ticketId)
                .containsExactly("t3");
        store.remove("t3");
        assertThat(store.ringingExpired(NOW.plusSeconds(60))).isEmpty();
        // waiting again, then offered anew: due when the new offer expires, not the old one
        store.reserve("t1", new Offer("o4", "li", NOW.plusSeconds(30), NOW.plusSeconds(45)));
        assertThat(store.ringingExpired(NOW.plusSeconds(44))).isEmpty();
        assertThat(anotherNode().ringingExpired(NOW.plusSeconds(45))).extracting(QueueEntry::ticketId)
                .containsExactly("t1");
    }

    @Test
    void theEntriesOfOneLanguageFollowEveryChange() {
        QueueStore store = newStore();
        store.add(entry("t1", "es"));
        store.add(entry("t2", "de"));
        store.add(entry("t3", "es"));
        store.reserve("t3", offer("o3", "ana"));

        assertThat(anotherNode().entries("es")).extracting(QueueEntry::ticketId).containsExactlyInAnyOrder("t1", "t3");
        assertThat(anotherNode().entries("es")).filteredOn(e -> e.ticketId().equals("t3"))
                .singleElement().satisfies(e -> assertThat(e.ringing("o3")).isTrue());
        assertThat(store.entries("de")).extracting(QueueEntry::ticketId).containsExactly("t2");
        assertThat(store.entries("fr")).isEmpty();

        store.claim("t3", "o3");
        anotherNode().remove("t2");
        assertThat(store.entries("es")).extracting(QueueEntry::ticketId).containsExactly("t1");
        assertThat(store.entries("de")).isEmpty();
    }

    @Test
    void theMostRecentHandlingTimesAreKeptNewestFirst() {
        QueueStore store = newStore();
        QueueStore other = anotherNode();
        for (int minutes = 1; minutes <= 105; minutes++) {
            (minutes % 2 == 0 ? store : other).recordHandlingTime(Duration.ofMinutes(minutes));
        }
        assertThat(store.recentHandlingTimes(3))
                .containsExactly(Duration.ofMinutes(105), Duration.ofMinutes(104), Duration.ofMinutes(103));
        List<Duration> kept = other.recentHandlingTimes(1000);
        assertThat(kept).hasSize(100).endsWith(Duration.ofMinutes(6));
    }
}
