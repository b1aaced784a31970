package org.remotesupport.signaling.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.remotesupport.signaling.identity.AccountRole;
import org.remotesupport.signaling.journal.SessionJournal;
import org.remotesupport.signaling.recording.MarkupTimelines;
import org.remotesupport.signaling.recording.RecordingEntry;
import org.remotesupport.signaling.recording.RecordingService;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.ticket.Ticket;
import org.remotesupport.signaling.ticket.TicketStore;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The report of an ended session, {@code GET /api/sessions/{id}/report}: its ticket, participants
 * with their join and leave times, durations (queue wait, ring, talk, total), snapshots with the
 * markups that were on them, chat, staff notes, the outcome and the session's recordings, assembled
 * from the {@link SessionJournal}, the ticket store, the recording index and the markup timeline.
 * Supervisors, trainees, admins and integrations read every report; an agent reads the reports of the
 * sessions it served or helped in; customers never. Handlers run on servlet threads.
 */
final class ReportRoutes {

    private static final AccountRole[] READERS = {AccountRole.AGENT, AccountRole.SUPERVISOR, AccountRole.TRAINEE,
            AccountRole.ADMIN};
    private static final int MAX_ID_LENGTH = 64;

    private final SessionJournal journal;
    private final SessionRegistry sessions;
    private final TicketStore tickets;
    private final RecordingService recordings;
    private final MarkupTimelines markups;
    private final ApiAuthentication authentication;
    private final ObjectMapper json = new ObjectMapper();

    /** {@code markups} may be null: without an annotation service no snapshot has markups. */
    ReportRoutes(SessionJournal journal, SessionRegistry sessions, TicketStore tickets, RecordingService recordings,
                 MarkupTimelines markups, ApiAuthentication authentication) {
        this.journal = journal;
        this.sessions = sessions;
        this.tickets = tickets;
        this.recordings = recordings;
        this.markups = markups;
        this.authentication = authentication;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/api/sessions/{id}/report", this::report)
                .onError(ApiException.class, (e, request) -> ApiRoutes.error((ApiException) e))
                .build();
    }

    private ServerResponse report(ServerRequest request) throws IOException {
        ApiAuthentication.Caller caller = authentication.require(request, READERS);
        String id = request.pathVariable("id");
        if (id.length() > MAX_ID_LENGTH) {
            throw new ApiException(404, "not_found", "no session with this id");
        }
        Optional<SessionJournal.Ending> found = journal.ending(id);
        if (found.isEmpty()) {
            if (sessions.find(id).isPresent()) {
                throw new ApiException(409, "session_live", "the report is ready when the session has ended");
            }
            throw new ApiException(404, "not_found", "no ended session with this id");
        }
        SessionJournal.Ending ending = found.get();
        List<SessionJournal.Event> happenings = journal.events(id);
        if (caller.staff() != null && caller.staff().role() == AccountRole.AGENT
                && !servedBy(caller.staff().username(), ending, happenings)) {
            throw new ApiException(403, "forbidden", "an agent reads the reports of its own sessions");
        }
        long origin = ending.startedAt() != null ? ending.startedAt() : ending.endedAt();

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", id);
        body.put("state", "ended");
        body.put("ticket", ticket(ending));
        body.put("agent", ending.agent());
        body.put("startedAt", ending.startedAt());
        body.put("endedAt", ending.endedAt());
        body.put("reason", ending.reason());
        body.put("outcome", ending.outcome());
        body.put("outcomeNote", ending.note());
        body.put("durations", durations(ending, happenings));
        body.put("participants", participants(ending, happenings));
        body.put("snapshots", snapshots(id, origin, ending, happenings));
        body.put("chat", journal.chat(id).stream().map(c -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("messageId", c.messageId());
            line.put("from", c.from());
            line.put("name", c.name());
            line.put("role", c.role());
            line.put("text", c.text());
            line.put("at", c.at());
            line.put("offsetMs", c.at() - origin);
            return line;
        }).toList());
        body.put("notes", journal.notes(id).stream().map(n -> {
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("noteId", n.noteId());
            note.put("by", n.by());
            note.put("name", n.name());
            note.put("text", n.text());
            note.put("at", n.at());
            note.put("offsetMs", n.at() - origin);
            return note;
        }).toList());
        body.put("recordings", recordings.index().ofSession(id).stream()
                .filter(r -> !RecordingEntry.RECORDING.equals(r.state()))
                .map(ReportRoutes::recordingJson).toList());
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "private, no-store").body(body);
    }

    /** Whether the agent account served the session or helped in it as an expert. */
    private static boolean servedBy(String username, SessionJournal.Ending ending,
                                    List<SessionJournal.Event> happenings) {
        if (username.equals(ending.agent())) {
            return true;
        }
        return happenings.stream().anyMatch(e -> username.equals(e.subject())
                && ("agent".equals(e.role()) || "expert".equals(e.role())));
    }

    private Map<String, Object> ticket(SessionJournal.Ending ending) {
        String ticketId = ending.ticketId();
        if (ticketId == null) {
            return null;
        }
        // the session's own copy first: a ticket typed in the queue was never stored apart
        Optional<Ticket> ticket = Optional.ofNullable(ending.ticket()).or(() -> tickets.find(ticketId));
        if (ticket.isEmpty()) {
            // the ticket store may forget tickets before the journal does: the id is still worth showing
            Map<String, Object> known = new LinkedHashMap<>();
            known.put("id", ticketId);
            return known;
        }
        return ApiRoutes.ticketJson(ticket.get());
    }

    /**
     * Queue wait (joined the queue until the offer that was taken rang), ring (that offer until the
     * agent took it and the session started), talk (start to end) and total (queue or start to end),
     * in milliseconds; null where the session had no such phase (an invited customer never queues).
     */
    private static Map<String, Object> durations(SessionJournal.Ending ending, List<SessionJournal.Event> happenings) {
        Long queued = firstAt(happenings, "queued");
        Long offered = lastAt(happenings, "offered");
        Long started = ending.startedAt();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("queueWaitMs", queued == null ? null : Math.max(0, (offered != null ? offered
                : started != null ? started : ending.endedAt()) - queued));
        json.put("ringMs", offered == null || started == null ? null : Math.max(0, started - offered));
        json.put("talkMs", started == null ? null : Math.max(0, ending.endedAt() - started));
        Long from = queued != null ? queued : started;
        json.put("totalMs", from == null ? null : Math.max(0, ending.endedAt() - from));
        return json;
    }

    private static Long firstAt(List<SessionJournal.Event> happenings, String kind) {
        return happenings.stream().filter(e -> kind.equals(e.kind())).map(SessionJournal.Event::at).findFirst()
                .orElse(null);
    }

    private static Long lastAt(List<SessionJournal.Event> happenings, String kind) {
        Long last = null;
        for (SessionJournal.Event e : happenings) {
            if (kind.equals(e.kind())) {
                last = e.at();
            }
        }
        return last;
    }

    /**
     * Everyone who was in the session, by account or customer id and role, in order of first joining:
     * first join, last leave and time present (a reconnect is a new connection of the same person).
     */
    private static List<Map<String, Object>> participants(SessionJournal.Ending ending,
                                                          List<SessionJournal.Event> happenings) {
        Map<String, Map<String, Object>> people = new LinkedHashMap<>();
        Map<String, Long> openSince = new HashMap<>();
        Map<String, String> personOf = new HashMap<>();
        for (SessionJournal.Event e : happenings) {
            if (e.subject() == null || !("joined".equals(e.kind()) || "left".equals(e.kind()))) {
                continue;
            }
            String key = e.subject() + "\u0000" + e.role();
            Map<String, Object> person = people.computeIfAbsent(key, k -> person(e.subject(), e.name(), e.role()));
            personOf.put(e.participantId(), key);
            if ("joined".equals(e.kind())) {
                if (person.get("joinedAt") == null) {
                    person.put("joinedAt", e.at());
                }
                openSince.putIfAbsent(e.participantId(), e.at());
            } else {
                person.put("leftAt", e.at());
                Long since = openSince.remove(e.participantId());
                if (since != null) {
                    person.put("presentMs", (long) person.get("presentMs") + Math.max(0, e.at() - since));
                }
            }
        }
        // connections the journal saw join and never leave were there until the end
        openSince.forEach((participantId, since) -> {
            Map<String, Object> person = people.get(personOf.get(participantId));
            person.put("leftAt", ending.endedAt());
            person.put("presentMs", (long) person.get("presentMs") + Math.max(0, ending.endedAt() - since));
        });
        for (SessionJournal.Attendee attendee : ending.attendees()) {
            people.computeIfAbsent(attendee.subject() + "\u0000" + attendee.role(),
                    k -> person(attendee.subject(), null, attendee.role()));
        }
        return List.copyOf(people.values());
    }

    private static Map<String, Object> person(String subject, String name, String role) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subject", subject);
        json.put("name", name);
        json.put("role", role);
        json.put("joinedAt", null);
        json.put("leftAt", null);
        json.put("presentMs", 0L);
        return json;
    }

    /**
     * The snapshots, each with when everyone's view was frozen on it and the markups on it: those on
     * screen at the end of its last freeze (drawn on the still), or when it was taken if it was never
     * frozen.
     */
    private List<Map<String, Object>> snapshots(String sessionId, long origin, SessionJournal.Ending ending,
                                                List<SessionJournal.Event> happenings) throws IOException {
        Map<String, String> names = new HashMap<>();
        for (SessionJournal.Event e : happenings) {
            if (e.participantId() != null && e.name() != null) {
                names.putIfAbsent(e.participantId(), e.name());
            }
        }
        List<SessionJournal.Snapshot> list = journal.snapshots(sessionId);
        List<Map<String, Object>> answer = new ArrayList<>();
        List<Long> moments = new ArrayList<>();
        for (SessionJournal.Snapshot snapshot : list) {
            List<Map<String, Object>> freezes = new ArrayList<>();
            String frozenOn = null;
            Long frozenAt = null;
            for (SessionJournal.Event e : happenings) {
                boolean freeze = "frozen".equals(e.kind());
                if (!freeze && !"unfrozen".equals(e.kind())) {
                    continue;
                }
                if (snapshot.snapshotId().equals(frozenOn)) {
                    freezes.add(period(frozenAt, e.at(), origin));
                }
                frozenOn = freeze ? e.detail() : null;
                frozenAt = e.at();
            }
            if (snapshot.snapshotId().equals(frozenOn)) {
                freezes.add(period(frozenAt, ending.endedAt(), origin));
            }
            long moment = freezes.isEmpty() ? snapshot.at()
                    : Math.max(snapshot.at(), (long) freezes.get(freezes.size() - 1).get("until") - 1);
            moments.add(moment - origin);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("snapshotId", snapshot.snapshotId());
            json.put("url", "/api/sessions/" + sessionId + "/snapshots/" + snapshot.snapshotId());
            json.put("by", snapshot.by());
            json.put("name", names.get(snapshot.by()));
            json.put("at", snapshot.at());
            json.put("offsetMs", snapshot.at() - origin);
            json.put("mediaType", snapshot.mediaType());
            json.put("bytes", snapshot.bytes());
            json.put("frozen", freezes);
            json.put("markupsAtMs", moment - origin);
            answer.add(json);
        }
        List<String> drawn = markups == null || moments.isEmpty() ? List.of()
                : markups.markupsAt(sessionId, Instant.ofEpochMilli(origin), moments);
        for (int i = 0; i < answer.size(); i++) {
            JsonNode onIt = i < drawn.size() ? json.readTree(drawn.get(i)) : json.createArrayNode();
            answer.get(i).put("markups", onIt);
        }
        return answer;
    }

    private static Map<String, Object> period(long from, long until, long origin) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", from);
        json.put("until", until);
        json.put("fromOffsetMs", from - origin);
        json.put("untilOffsetMs", until - origin);
        return json;
    }

    private static Map<String, Object> recordingJson(RecordingEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("recordingId", entry.recordingId());
        json.put("state", entry.state());
        json.put("startedAt", entry.startedAt().toEpochMilli());
        json.put("durationMs", entry.durationMs());
        json.put("player", "/player.html?recording=" + entry.recordingId());
        return json;
    }
}
