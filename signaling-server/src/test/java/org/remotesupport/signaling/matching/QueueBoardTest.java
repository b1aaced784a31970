package org.remotesupport.signaling.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.presence.InMemoryPresenceStore;
import org.remotesupport.signaling.queue.InMemoryQueueStore;
import org.remotesupport.signaling.queue.Offer;
import org.remotesupport.signaling.queue.QueueEntry;
import org.remotesupport.signaling.queue.QueueStore;
import org.remotesupport.signaling.ticket.Severity;
import org.remotesupport.signaling.ticket.Ticket;
import org.remotesupport.signaling.ticket.Tier;

/** What the queue board keeps track of when the store changes while it looks at it. */
class QueueBoardTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aCustomerWhoJoinedWhileTheBoardReadTheQueueIsStillWatchedAndCanLeave() {
        InMemoryQueueStore store = new InMemoryQueueStore();
        // the board's read of every entry happened just before the customer was added
        StaleQueue stale = new StaleQueue(store, List.of());
        List<ServerMessage> sent = new ArrayList<>();
        QueueBoard board = new QueueBoard(stale, new InMemoryPresenceStore(), (to, message) -> sent.add(message),
                Clock.fixed(NOW, ZoneOffset.UTC), MatchingProperties.defaults(), scheduler);
        QueueEntry entry = entry("t1", "p1");
        store.add(entry);
        board.watchCustomer("p1", "t1", board.statusNow(null, "t1"));

        board.tick(true);

        assertThat(board.ticketOf("p1")).as("the customer still waits, and may leave").isEqualTo("t1");
        // once it is really gone, the board forgets it
        store.remove("t1");
        board.tick(true);
        assertThat(board.ticketOf("p1")).isNull();
    }

    @Test
    void anAgentOfSeveralLanguagesSeesTheMostUrgentOfAllOfThemInOrder() {
        InMemoryQueueStore store = new InMemoryQueueStore();
        store.add(entry("fr-oldest", "p1", "fr", 50));
        store.add(entry("es-old", "p2", "es", 40));
        store.add(entry("de-mid", "p3", "de", 30));
        store.add(entry("es-new", "p4", "es", 20));
        store.add(entry("de-newest", "p5", "de", 10));
        List<ServerMessage> sent = new ArrayList<>();
        MatchingProperties defaults = MatchingProperties.defaults();
        MatchingProperties threeShown = new MatchingProperties(defaults.ringTimeout(), defaults.sweepInterval(),
                defaults.statusInterval(), defaults.defaultSla(), null, 1.0, null, null, 0.25, 1.0, 0.5, 0.5,
                defaults.defaultHandlingTime(), 50, 3);
        QueueBoard board = new QueueBoard(store, new InMemoryPresenceStore(), (to, message) -> sent.add(message),
                Clock.fixed(NOW, ZoneOffset.UTC), threeShown, scheduler);

        board.watchAgent("agent", Set.of("es", "de"), "1");

        ServerMessage.QueueSnapshot snapshot = (ServerMessage.QueueSnapshot) sent.get(0);
        assertThat(snapshot.entries()).extracting(ServerMessage.QueueItem::ticketId)
                .containsExactly("es-old", "de-mid", "es-new");
        assertThat(snapshot.waiting()).isEqualTo(4);
    }

    private static QueueEntry entry(String ticketId, String participantId) {
        return entry(ticketId, participantId, "en", 0);
    }

    private static QueueEntry entry(String ticketId, String participantId, String language, long waitedSeconds) {
        Ticket ticket = new Ticket(ticketId, "A-1", "", "phones", language, Tier.STANDARD, Severity.NORMAL, "", null,
                null, NOW);
        return new QueueEntry(ticket, participantId, "Carla", NOW.minusSeconds(waitedSeconds), true, null, Set.of(),
                false, null, "c-" + ticketId);
    }

    /** The whole queue as it was when the board's tick read it (empty); everything else as it is now. */
    private record StaleQueue(InMemoryQueueStore store, List<QueueEntry> snapshot) implements QueueStore {

        @Override
        public List<QueueEntry> entries() {
            return List.copyOf(snapshot);
        }

        @Override
        public List<QueueEntry> entries(String language) {
            return store.entries(language);
        }

        @Override
        public QueueEntry add(QueueEntry entry) {
            return store.add(entry);
        }

        @Override
        public Optional<QueueEntry> find(String ticketId) {
            return store.find(ticketId);
        }

        @Override
        public int size() {
            return store.size();
        }

        @Override
        public long version() {
            return store.version();
        }

        @Override
        public Optional<QueueEntry> rebind(String ticketId, String participantId, boolean connected) {
            return store.rebind(ticketId, participantId, connected);
        }

        @Override
        public Optional<QueueEntry> reserve(String ticketId, Offer offer) {
            return store.reserve(ticketId, offer);
        }

        @Override
        public Optional<QueueEntry> release(String ticketId, String offerId, boolean declined) {
            return store.release(ticketId, offerId, declined);
        }

        @Override
        public Optional<QueueEntry> claim(String ticketId, String offerId) {
            return store.claim(ticketId, offerId);
        }

        @Override
        public Optional<QueueEntry> remove(String ticketId) {
            return store.remove(ticketId);
        }

        @Override
        public List<QueueEntry> ringingExpired(Instant now) {
            return store.ringingExpired(now);
        }

        @Override
        public void recordHandlingTime(Duration handlingTime) {
            store.recordHandlingTime(handlingTime);
        }

        @Override
        public List<Duration> recentHandlingTimes(int limit) {
            return store.recentHandlingTimes(limit);
        }
    }
}
