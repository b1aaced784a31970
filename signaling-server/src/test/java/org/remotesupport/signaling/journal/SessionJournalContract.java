package org.remotesupport.signaling.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.ticket.Severity;
import org.remotesupport.signaling.ticket.Ticket;
import org.remotesupport.signaling.ticket.Tier;

/** What every {@link SessionJournal} does; run against each implementation, two "nodes" sharing one store. */
public abstract class SessionJournalContract {

    /** When the sessions of these tests end: now, so that no retention period has run out. */
    private static final long ENDED_AT = System.currentTimeMillis();

    /** A fresh, empty journal. */
    protected abstract SessionJournal newJournal();

    /** Another node's view of the journal {@link #newJournal()} returned last. */
    protected abstract SessionJournal anotherNode();

    @Test
    void chatKeepsTheNewestMessagesInOrderForEveryNode() {
        SessionJournal journal = newJournal();
        for (int i = 1; i <= 5; i++) {
            journal.appendChat("s1", new SessionJournal.ChatEntry("m" + i, "p", "Ana", "agent", "text " + i, i), 3);
        }
        assertThat(anotherNode().chat("s1")).extracting(SessionJournal.ChatEntry::messageId)
                .containsExactly("m3", "m4", "m5");
        assertThat(journal.chat("other")).isEmpty();
    }

    @Test
    void snapshotsStopAtTheLimit() {
        SessionJournal journal = newJournal();
        assertThat(journal.addSnapshot("s1", new SessionJournal.Snapshot("a", "p", 1, "image/jpeg", 10), 2)).isTrue();
        assertThat(anotherNode().addSnapshot("s1", new SessionJournal.Snapshot("b", "p", 2, "image/png", 20), 2))
                .isTrue();
        assertThat(journal.addSnapshot("s1", new SessionJournal.Snapshot("c", "p", 3, "image/jpeg", 30), 2)).isFalse();
        assertThat(anotherNode().snapshots("s1")).extracting(SessionJournal.Snapshot::snapshotId)
                .containsExactly("a", "b");
    }

    @Test
    void aFreezeHoldsUntilLiftedOrTheSessionEnds() {
        SessionJournal journal = newJournal();
        journal.setFrozen("s1", new SessionJournal.Freeze("a", "p", 5));
        assertThat(anotherNode().frozen("s1")).contains(new SessionJournal.Freeze("a", "p", 5));
        journal.setFrozen("s1", null);
        assertThat(anotherNode().frozen("s1")).isEmpty();
        journal.setFrozen("s1", new SessionJournal.Freeze("a", "p", 6));
        journal.ended("s1", ending("replacement"));
        assertThat(anotherNode().frozen("s1")).isEmpty();
    }

    @Test
    void theFirstEndingCountsAndNotesStay() {
        SessionJournal journal = newJournal();
        journal.addNote("s1", new SessionJournal.Note("n1", "ana", "Ana", "Seal cracked", 3), 10);
        journal.ended("s1", ending("replacement"));
        anotherNode().ended("s1", ending("escalated"));
        assertThat(anotherNode().ending("s1")).contains(ending("replacement"));
        assertThat(journal.notes("s1")).extracting(SessionJournal.Note::text).containsExactly("Seal cracked");
        assertThat(journal.ending("never")).isEmpty();
    }

    @Test
    void eventsKeepTheNewestInOrderForEveryNodeAndOutliveTheEnding() {
        SessionJournal journal = newJournal();
        journal.appendEvent("s1", new SessionJournal.Event("queued", 1, null, null, null, null, null), 3);
        journal.appendEvent("s1", new SessionJournal.Event("joined", 2, "p1", "ana", "Ana", "agent", null), 3);
        anotherNode().appendEvent("s1", new SessionJournal.Event("frozen", 3, "p1", "ana", "Ana", "agent", "a"), 3);
        journal.appendEvent("s1", new SessionJournal.Event("unfrozen", 4, "p1", "ana", "Ana", "agent", null), 3);
        journal.ended("s1", ending("replacement"));
        assertThat(anotherNode().events("s1")).containsExactly(
                new SessionJournal.Event("joined", 2, "p1", "ana", "Ana", "agent", null),
                new SessionJournal.Event("frozen", 3, "p1", "ana", "Ana", "agent", "a"),
                new SessionJournal.Event("unfrozen", 4, "p1", "ana", "Ana", "agent", null));
        assertThat(journal.events("other")).isEmpty();
    }

    @Test
    void anEndingKeepsTheSessionsTicket() {
        Ticket ticket = new Ticket("t1", "R-1", "Espresso X2", "coffee-machines", "en", Tier.STANDARD,
                Severity.NORMAL, "Leaks", null, null, java.time.Instant.ofEpochMilli(ENDED_AT - 5000));
        SessionJournal.Ending ending = new SessionJournal.Ending("completed", "return", null, "ana", "t1",
                ENDED_AT - 1000, ENDED_AT, List.of(), ticket);
        newJournal().ended("s1", ending);
        assertThat(anotherNode().ending("s1")).contains(ending);
    }

    private static SessionJournal.Ending ending(String outcome) {
        return new SessionJournal.Ending("completed", outcome, "note", "ana", "t1", ENDED_AT - 1000, ENDED_AT,
                List.of(new SessionJournal.Attendee("ana", "agent"), new SessionJournal.Attendee("c-1", "customer")));
    }
}
