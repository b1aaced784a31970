package org.remotesupport.signaling.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal contract in memory, and forgetting ended sessions after the retention period. */
class InMemorySessionJournalTest extends SessionJournalContract {

    private InMemorySessionJournal journal;

    @Override
    protected SessionJournal newJournal() {
        journal = new InMemorySessionJournal(Clock.systemUTC(), Duration.ofDays(30));
        return journal;
    }

    @Override
    protected SessionJournal anotherNode() {
        return journal;
    }

    @Test
    void endedSessionsAreForgottenAfterTheRetention() {
        Instant now = Instant.parse("2026-01-10T00:00:00Z");
        InMemorySessionJournal journal = new InMemorySessionJournal(Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(1));
        journal.ended("old", new SessionJournal.Ending("completed", "return", null, "ana", null, null,
                now.minus(Duration.ofDays(2)).toEpochMilli(), List.of()));
        journal.ended("new", new SessionJournal.Ending("completed", "return", null, "ana", null, null,
                now.toEpochMilli(), List.of()));
        assertThat(journal.ending("old")).isEmpty();
        assertThat(journal.ending("new")).isPresent();
    }
}
