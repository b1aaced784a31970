package org.remotesupport.signaling.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotesupport.signaling.journal.InMemorySessionJournal;
import org.remotesupport.signaling.journal.SessionJournal;
import org.remotesupport.signaling.journal.SessionTimeline;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SupportSession;

/**
 * A session's timeline of chat, notes, snapshots, freezes and its ending: offsets from the session
 * start in time order, built from the journal while it runs; stored with the recordings at the end
 * of a recorded session, so that another node reads it after the journal has forgotten the session;
 * never stored for a session without a recording.
 */
class SessionTimelineArchiveTest {

    private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");

    @TempDir
    Path directory;

    private final Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    private final Member agent = new Member("p-agent", Role.AGENT, "Ana", "ana");
    private final Member customer = new Member("p-cust", Role.CUSTOMER, "Carla", "c-1");

    @Test
    void aRecordedSessionsTimelineOutlivesTheJournal() throws Exception {
        SessionJournal journal = journalOf("s1");
        InMemoryRecordingIndex index = new InMemoryRecordingIndex();
        index.save(RecordingIndexContract.entry("r1", "s1", "X2", "coffee-machines", "en", "ana",
                START.plusSeconds(1), null, null));
        RecordingService recordings = recordings(index);
        SessionTimelineArchive archive = new SessionTimelineArchive(journal, recordings);
        RecordingEntry recording = index.find("r1").orElseThrow();

        // while the session runs, nothing is stored: the journal answers
        List<SessionTimeline.Event> live = archive.read("s1", START);
        assertThat(recordings.events(recording)).isEmpty();
        assertThat(live).extracting(SessionTimeline.Event::kind, SessionTimeline.Event::offsetMs).containsExactly(
                tuple("chat", 2000L), tuple("snapshot", 3000L), tuple("freeze", 4000L), tuple("note", 5000L),
                tuple("unfreeze", 6000L));
        assertThat(live.get(1).name()).as("the snapshot's taker, by the join events").isEqualTo("Ana");
        assertThat(live.get(3).staffOnly()).isTrue();

        try {
            archive.sessionEnded(SupportSession.matched("s1", agent, customer, null, START), "completed", "replacement",
                    "Ship a new tank", START.plusSeconds(9));
        } finally {
            // the recording service's worker stores it; closing waits for it
            recordings.close();
        }
        assertThat(directory.resolve("r1.events.json")).exists();

        // another node, after the journal's retention: the stored events answer
        SessionTimelineArchive later = new SessionTimelineArchive(new InMemorySessionJournal(clock, Duration.ofDays(1)),
                recordings(index));
        List<SessionTimeline.Event> stored = later.read(recording);
        assertThat(stored).extracting(SessionTimeline.Event::kind).containsExactly("chat", "snapshot", "freeze",
                "note", "unfreeze", "end");
        assertThat(stored.get(5).outcome()).isEqualTo("replacement");
        assertThat(stored.get(5).text()).isEqualTo("Ship a new tank");
        assertThat(stored.get(5).offsetMs()).isEqualTo(9000);
        assertThat(stored.subList(0, 5)).isEqualTo(live);
    }

    @Test
    void aSessionWithoutRecordingLeavesNoFileAndOddIdsReadNothing() throws Exception {
        SessionJournal journal = journalOf("s2");
        RecordingService recordings = recordings(new InMemoryRecordingIndex());
        SessionTimelineArchive archive = new SessionTimelineArchive(journal, recordings);
        try {
            archive.sessionEnded(SupportSession.matched("s2", agent, customer, null, START), "completed",
                    START.plusSeconds(9));
        } finally {
            recordings.close();
        }
        assertThat(new LocalDiskRecordingStore(directory).list(null, 10)).isEmpty();
        assertThat(archive.read("s2", START)).extracting(SessionTimeline.Event::kind).containsExactly("chat",
                "snapshot", "freeze", "note", "unfreeze");
        assertThat(archive.read("../s2", START)).isEmpty();
    }

    private RecordingService recordings(RecordingIndex index) {
        RecordingProperties properties = new RecordingProperties(true, directory, RecordingProperties.Storage.LOCAL,
                RecordingStoreContract.noS3(), Duration.ofMinutes(1), Duration.ofDays(30), Duration.ofHours(1), 8192,
                true);
        return new RecordingService(properties, null, null, null, null, index, new LocalDiskRecordingStore(directory),
                clock, new SecureRandom(), Executors.newSingleThreadExecutor(), Executors.newSingleThreadScheduledExecutor());
    }

    private SessionJournal journalOf(String sessionId) {
        SessionJournal journal = new InMemorySessionJournal(clock, Duration.ofDays(1));
        long t = START.toEpochMilli();
        journal.appendEvent(sessionId, new SessionJournal.Event("joined", t, "p-agent", "ana", "Ana", "agent", null),
                100);
        journal.appendEvent(sessionId, new SessionJournal.Event("joined", t, "p-cust", "c-1", "Carla", "customer",
                null), 100);
        journal.appendChat(sessionId, new SessionJournal.ChatEntry("m1", "p-cust", "Carla", "customer", "It drips",
                t + 2000), 100);
        journal.addSnapshot(sessionId, new SessionJournal.Snapshot("shot1", "p-agent", t + 3000, "image/png", 10), 5);
        journal.appendEvent(sessionId, new SessionJournal.Event("frozen", t + 4000, "p-agent", "ana", "Ana", "agent",
                "shot1"), 100);
        journal.addNote(sessionId, new SessionJournal.Note("n1", "ana", "Ana", "Seal cracked", t + 5000), 100);
        journal.appendEvent(sessionId, new SessionJournal.Event("unfrozen", t + 6000, "p-agent", "ana", "Ana",
                "agent", null), 100);
        return journal;
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
