package org.remotesupport.signaling.journal;

import java.util.List;
import java.util.Optional;
import org.remotesupport.signaling.ticket.Ticket;

/**
 * What happened in a support session besides who was in it: the chat, the ticket notes, the
 * snapshots taken, whether everyone's view is frozen on one of them, and how the session ended.
 * Kept after the session ends (for the REST API and integrations) until the retention period
 * runs out. Every method is atomic and may be called from any thread; an in-memory implementation
 * serves one node, a Redis one lets several nodes share it.
 */
public interface SessionJournal {

    /** One chat message: who wrote it (participant id, display name, role), the text and when (epoch ms). */
    record ChatEntry(String messageId, String from, String name, String role, String text, long at) {
    }

    /** One note on the session's ticket: its author (account username and display name), the text and when. */
    record Note(String noteId, String by, String name, String text, long at) {
    }

    /** A still of the customer's video: its id in the photo store, who took it, when, its type and size. */
    record Snapshot(String snapshotId, String by, long at, String mediaType, int bytes) {
    }

    /** Everyone's view shows this snapshot since {@code at}, frozen by participant {@code by}. */
    record Freeze(String snapshotId, String by, long at) {
    }

    /**
     * Something that happened at a moment of the session, for its timeline and report: its {@code kind}
     * ({@code queued}, {@code offered}, {@code joined}, {@code left}, {@code frozen}, {@code unfrozen}),
     * when (epoch ms), who (participant id, account username or customer id, display name and role;
     * null where nobody acted, as for {@code queued}) and a detail (the snapshot of a freeze).
     */
    record Event(String kind, long at, String participantId, String subject, String name, String role,
                 String detail) {
    }

    /** Someone who was in the session: account username or customer id, and role. */
    record Attendee(String subject, String role) {
    }

    /**
     * How a session ended: the {@code session.ended} reason, the agent's outcome and note (null when
     * the session ended otherwise), the agent's username, when it started and ended (epoch ms; start
     * null if the customer never joined), its ticket's id, who was in it at the end, and the ticket
     * itself as the session had it (null if it had none; ticket stores may forget tickets sooner).
     */
    record Ending(String reason, String outcome, String note, String agent, String ticketId, Long startedAt,
                  long endedAt, List<Attendee> attendees, Ticket ticket) {

        public Ending {
            attendees = List.copyOf(attendees);
        }

        /** An ending without the ticket's content. */
        public Ending(String reason, String outcome, String note, String agent, String ticketId, Long startedAt,
                      long endedAt, List<Attendee> attendees) {
            this(reason, outcome, note, agent, ticketId, startedAt, endedAt, attendees, null);
        }
    }

    /** Appends a chat message, keeping only the newest {@code keep}. */
    void appendChat(String sessionId, ChatEntry entry, int keep);

    /** The chat, oldest first. */
    List<ChatEntry> chat(String sessionId);

    /** Appends a ticket note, keeping only the newest {@code keep}. */
    void addNote(String sessionId, Note note, int keep);

    /** The notes, oldest first. */
    List<Note> notes(String sessionId);

    /**
     * Records a snapshot unless the session has {@code max} already.
     *
     * @return false, recording nothing, when it has
     */
    boolean addSnapshot(String sessionId, Snapshot snapshot, int max);

    /** The snapshots, oldest first. */
    List<Snapshot> snapshots(String sessionId);

    /** Freezes everyone's view on a snapshot, or with null returns it to live. */
    void setFrozen(String sessionId, Freeze freeze);

    /** The still everyone sees now, if the view is frozen. */
    Optional<Freeze> frozen(String sessionId);

    /** Appends an event, keeping only the newest {@code keep}. */
    void appendEvent(String sessionId, Event event, int keep);

    /** The events, oldest first. */
    List<Event> events(String sessionId);

    /** Records how the session ended; the view is no longer frozen. A second call changes nothing. */
    void ended(String sessionId, Ending ending);

    /** How the session ended, if it did. */
    Optional<Ending> ending(String sessionId);
}
