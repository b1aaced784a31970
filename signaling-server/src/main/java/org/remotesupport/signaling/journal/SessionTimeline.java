package org.remotesupport.signaling.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's journal as a timeline: chat messages, staff notes, snapshots, freezes and the ending,
 * each with its time relative to the session start, oldest first. Built from a {@link SessionJournal}
 * (and, at the very end of a session, the ending the caller knows before the journal does); pure, any
 * thread.
 */
public final class SessionTimeline {

    /** Kinds of {@link Event}. */
    public static final String CHAT = "chat";
    public static final String NOTE = "note";
    public static final String SNAPSHOT = "snapshot";
    public static final String FREEZE = "freeze";
    public static final String UNFREEZE = "unfreeze";
    public static final String END = "end";

    private SessionTimeline() {
    }

    /**
     * One moment of the timeline. {@code by} is the participant id (the account username for notes),
     * {@code name} and {@code role} who that was; {@code text} the chat message or note; {@code
     * snapshotId} the snapshot taken or frozen on; {@code reason}, {@code outcome} and {@code text} of
     * {@code end} how the session ended and the agent's end note. {@code staffOnly} marks what a
     * customer never saw (notes). Absent fields are left out of the JSON.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(String kind, long offsetMs, long at, String by, String name, String role, String text,
                        String snapshotId, String reason, String outcome, Boolean staffOnly) {
    }

    /**
     * The session's timeline.
     *
     * @param originMs the session start (epoch ms) the offsets count from
     * @param ending   how the session ended, or null while it runs
     */
    public static List<Event> of(SessionJournal journal, String sessionId, long originMs,
                                 SessionJournal.Ending ending) {
        List<SessionJournal.Event> happenings = journal.events(sessionId);
        // snapshots name their taker by participant id: the join events know who that was
        Map<String, SessionJournal.Event> people = new HashMap<>();
        for (SessionJournal.Event e : happenings) {
            if (e.participantId() != null) {
                people.putIfAbsent(e.participantId(), e);
            }
        }
        List<Event> list = new ArrayList<>();
        for (SessionJournal.ChatEntry c : journal.chat(sessionId)) {
            list.add(new Event(CHAT, c.at() - originMs, c.at(), c.from(), c.name(), c.role(), c.text(), null, null,
                    null, null));
        }
        for (SessionJournal.Note n : journal.notes(sessionId)) {
            list.add(new Event(NOTE, n.at() - originMs, n.at(), n.by(), n.name(), null, n.text(), null, null, null,
                    Boolean.TRUE));
        }
        for (SessionJournal.Snapshot s : journal.snapshots(sessionId)) {
            SessionJournal.Event taker = people.get(s.by());
            list.add(new Event(SNAPSHOT, s.at() - originMs, s.at(), s.by(), taker == null ? null : taker.name(),
                    taker == null ? null : taker.role(), null, s.snapshotId(), null, null, null));
        }
        for (SessionJournal.Event e : happenings) {
            String kind = switch (e.kind()) {
                case "frozen" -> FREEZE;
                case "unfrozen" -> UNFREEZE;
                default -> null;
            };
            if (kind != null) {
                list.add(new Event(kind, e.at() - originMs, e.at(), e.participantId(), e.name(), e.role(), null,
                        e.detail(), null, null, null));
            }
        }
        if (ending != null) {
            list.add(new Event(END, ending.endedAt() - originMs, ending.endedAt(), ending.agent(), null, null,
                    ending.note(), null, ending.reason(), ending.outcome(), null));
        }
        // stable: what happened in the same millisecond keeps the order above (chat before a freeze)
        list.sort(Comparator.comparingLong(Event::at));
        return List.copyOf(list);
    }
}
