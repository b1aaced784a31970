package org.remotesupport.signaling.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.remotesupport.signaling.identity.AccountRole;
import org.remotesupport.signaling.recording.LibraryException;
import org.remotesupport.signaling.recording.MarkupTimelines;
import org.remotesupport.signaling.recording.RecordingEntry;
import org.remotesupport.signaling.recording.RecordingLibrary;
import org.remotesupport.signaling.recording.RecordingNote;
import org.remotesupport.signaling.recording.RecordingQuery;
import org.remotesupport.signaling.recording.RecordingService;
import org.remotesupport.signaling.recording.SessionTimelineArchive;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The recordings part of the REST API: search the index, read one entry, stream the media (HTTP
 * range requests, so players can seek) and delete. Supervisors, trainees and admins read every
 * recording; an agent reads the recordings of sessions it took part in; customers never. The markup
 * timeline of a recording's session follows the same rules as the recording. Deleting, tagging and
 * writing notes for the training library are for supervisors and admins (and integrations with an
 * API key); the facets count the filter values of the recordings the caller may read. Handlers run
 * on servlet threads.
 */
final class RecordingRoutes {

    private static final AccountRole[] READERS = {AccountRole.AGENT, AccountRole.SUPERVISOR, AccountRole.TRAINEE,
            AccountRole.ADMIN};
    private static final AccountRole[] DELETERS = {AccountRole.SUPERVISOR, AccountRole.ADMIN};
    private static final AccountRole[] LIBRARIANS = {AccountRole.SUPERVISOR, AccountRole.ADMIN};
    private static final int MAX_TAG_FILTERS = 20;
    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,64}");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final int MAX_FILTER_LENGTH = 100;
    private static final int DEFAULT_LIMIT = 50;
    private static final ObjectMapper TIMELINE_JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> TIMELINE_SHAPE = new TypeReference<>() {
    };

    private final RecordingService recordings;
    private final ApiAuthentication authentication;
    private final MarkupTimelines timelines;
    private final SessionTimelineArchive events;
    private final RecordingLibrary library;

    /**
     * {@code timelines} may be null: without an annotation service no session has markups; {@code
     * events} is the session's chat, snapshots, freezes and ending for the same timeline; {@code
     * library} keeps the training library's tags and notes.
     */
    RecordingRoutes(RecordingService recordings, ApiAuthentication authentication, MarkupTimelines timelines,
                    SessionTimelineArchive events, RecordingLibrary library) {
        this.recordings = recordings;
        this.authentication = authentication;
        this.timelines = timelines;
        this.events = events;
        this.library = library;
    }

    /** The body of {@code PUT /api/recordings/{id}/tags}. */
    record TagsRequest(List<String> tags) {
    }

    /** The body of {@code POST /api/recordings/{id}/notes}. */
    record NoteRequest(String text) {
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/api/recordings", this::search)
                // before {id}: "facets" is a valid-looking id
                .GET("/api/recordings/facets", this::facets)
                .PUT("/api/recordings/{id}/tags", this::setTags)
                .POST("/api/recordings/{id}/notes", this::addNote)
                .GET("/api/recordings/{id}", this::read)
                .GET("/api/recordings/{id}/media", this::media)
                .GET("/api/recordings/{id}/timeline", this::timeline)
                .DELETE("/api/recordings/{id}", this::delete)
                .onError(ApiException.class, (e, request) -> ApiRoutes.error((ApiException) e))
                .onError(LibraryException.class, (e, request) -> ApiRoutes.error(refusal((LibraryException) e)))
                .build();
    }

    private ServerResponse search(ServerRequest request) {
        ApiAuthentication.Caller caller = authentication.require(request, READERS);
        // an agent's search walks only its own recordings, so that the limit counts what it may read
        RecordingQuery query = new RecordingQuery(filter(request, "product"), filter(request, "category"),
                filter(request, "outcome"), filter(request, "agent"), filter(request, "language"),
                filter(request, "sessionId"), date(request, "from", false), date(request, "to", true),
                limit(request), tags(request), filter(request, "q"), ownOnly(caller));
        List<Map<String, Object>> list = recordings.index().search(query).stream()
                .filter(entry -> mayRead(caller, entry))
                .map(RecordingRoutes::json)
                .toList();
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("recordings", list));
    }

    private ServerResponse facets(ServerRequest request) {
        ApiAuthentication.Caller caller = authentication.require(request, READERS);
        RecordingLibrary.Facets facets = library.facets(ownOnly(caller));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("products", counts(facets.products()));
        body.put("categories", counts(facets.categories()));
        body.put("languages", counts(facets.languages()));
        body.put("agents", counts(facets.agents()));
        body.put("outcomes", counts(facets.outcomes()));
        body.put("tags", counts(facets.tags()));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).header("Cache-Control", "private, no-store")
                .body(body);
    }

    private ServerResponse setTags(ServerRequest request) {
        authentication.require(request, LIBRARIANS);
        String id = existing(request.pathVariable("id"));
        TagsRequest body = ApiRequests.body(request, TagsRequest.class);
        if (body.tags() == null) {
            throw new ApiException(400, "invalid_field", "tags must be a list of words");
        }
        List<String> stored = library.setTags(id, body.tags());
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("recordingId", id, "tags", stored));
    }

    private ServerResponse addNote(ServerRequest request) {
        ApiAuthentication.Caller caller = authentication.require(request, LIBRARIANS);
        String id = existing(request.pathVariable("id"));
        NoteRequest body = ApiRequests.body(request, NoteRequest.class);
        if (body.text() == null) {
            throw new ApiException(400, "invalid_field", "text is missing");
        }
        RecordingNote note = library.addNote(id, caller.name(),
                caller.staff() == null ? "Integration" : caller.staff().displayName(), body.text());
        return ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(json(note));
    }

    private String existing(String id) {
        if (!ID.matcher(id).matches()) {
            throw new ApiException(404, "not_found", "no recording with this id");
        }
        return id;
    }

    /** Too many notes is a state of the recording (409); every other refusal is about the request (400). */
    private static ApiException refusal(LibraryException e) {
        int status = switch (e.code()) {
            case LibraryException.TOO_MANY_NOTES -> 409;
            case LibraryException.NO_RECORDING -> 404;
            default -> 400;
        };
        return new ApiException(status, e.code(), e.getMessage());
    }

    private static List<Map<String, Object>> counts(List<RecordingLibrary.Count> counts) {
        return counts.stream().map(c -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("value", c.value());
            if (c.label() != null) {
                json.put("label", c.label());
            }
            json.put("count", c.count());
            return json;
        }).toList();
    }

    /** The username an agent's view is limited to, or null for the roles that read every recording. */
    private static String ownOnly(ApiAuthentication.Caller caller) {
        return caller.staff() != null && caller.staff().role() == AccountRole.AGENT ? caller.staff().username() : null;
    }

    /** {@code tags=a,b} and/or repeated {@code tags}: each normalised as stored, so that "Leak " finds "leak". */
    private List<String> tags(ServerRequest request) {
        List<String> tags = new ArrayList<>();
        for (String value : request.params().getOrDefault("tags", List.of())) {
            if (value.length() > MAX_FILTER_LENGTH * 4) {
                throw new ApiException(400, "invalid_field", "tags is too long");
            }
            for (String tag : value.split(",")) {
                if (!tag.isBlank()) {
                    tags.add(library.normaliseTag(tag));
                }
            }
        }
        if (tags.size() > MAX_TAG_FILTERS) {
            throw new ApiException(400, "invalid_field", "at most " + MAX_TAG_FILTERS + " tags to filter by");
        }
        return tags;
    }

    private ServerResponse read(ServerRequest request) {
        ApiAuthentication.Caller caller = authentication.require(request, READERS);
        RecordingEntry entry = readable(caller, request.pathVariable("id"));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(json(entry));
    }

    private ServerResponse timeline(ServerRequest request) throws IOException {
        ApiAuthentication.Caller caller = authentication.require(request, READERS);
        RecordingEntry entry = readable(caller, request.pathVariable("id"));
        // stored with the recording when its session ended; before that, the live session's
        Optional<String> timeline = recordings.timeline(entry);
        if (timeline.isEmpty() && timelines != null) {
            timeline = timelines.read(entry.sessionId(), entry.sessionStartedAt());
        }
        // the stored timeline is already JSON; without one the answer is an empty timeline of the same shape
        Map<String, Object> body = new LinkedHashMap<>();
        if (timeline.isPresent()) {
            body.putAll(TIMELINE_JSON.readValue(timeline.get(), TIMELINE_SHAPE));
        } else {
            body.put("sessionId", entry.sessionId());
            body.put("entries", List.of());
        }
        // ---- session events (chat, notes, snapshots, freezes, ending) beside the markups
        body.put("events", events.read(entry));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "private, no-store").body(body);
    }

    private ServerResponse media(ServerRequest request) throws IOException {
        // a <video> element cannot send headers: the media may take the token as a query parameter
        ApiAuthentication.Caller caller = authentication.requireAllowingQueryToken(request, READERS);
        RecordingEntry entry = readable(caller, request.pathVariable("id"));
        long size = recordings.store().size(entry.fileName())
                .orElseThrow(() -> new ApiException(404, "not_found", "the recording's media is gone"));
        long start = 0;
        long end = size - 1;
        boolean partial = false;
        String range = request.headers().firstHeader("Range");
        if (range != null) {
            Matcher matcher = RANGE.matcher(range.trim());
            if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
                return unsatisfiable(size);
            }
            try {
                if (matcher.group(1).isEmpty()) {
                    start = Math.max(0, size - Long.parseLong(matcher.group(2)));
                } else {
                    start = Long.parseLong(matcher.group(1));
                    if (!matcher.group(2).isEmpty()) {
                        end = Math.min(end, Long.parseLong(matcher.group(2)));
                    }
                }
            } catch (NumberFormatException e) {
                return unsatisfiable(size);
            }
            if (start >= size || start > end) {
                return unsatisfiable(size);
            }
            partial = true;
        }
        long from = start;
        long length = end - start + 1;
        String contentType = entry.contentType() == null ? "video/webm" : entry.contentType();
        ServerResponse.BodyBuilder builder = ServerResponse.status(partial ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK)
                .header("Accept-Ranges", "bytes")
                .header("Content-Type", contentType)
                .header("Content-Length", Long.toString(length))
                .header("Cache-Control", "private, no-store")
                .header("X-Content-Type-Options", "nosniff");
        if (partial) {
            builder.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        return builder.build((servletRequest, servletResponse) -> {
            try (InputStream in = recordings.store().open(entry.fileName(), from, length);
                 OutputStream out = servletResponse.getOutputStream()) {
                in.transferTo(out);
            }
            return null;
        });
    }

    private ServerResponse delete(ServerRequest request) throws IOException {
        authentication.require(request, DELETERS);
        String id = request.pathVariable("id");
        if (!ID.matcher(id).matches()) {
            throw new ApiException(404, "not_found", "no recording with this id");
        }
        try {
            if (!recordings.delete(id)) {
                throw new ApiException(404, "not_found", "no recording with this id");
            }
        } catch (IllegalStateException e) {
            throw new ApiException(409, "recording_running", e.getMessage());
        }
        return ServerResponse.noContent().build();
    }

    private RecordingEntry readable(ApiAuthentication.Caller caller, String id) {
        Optional<RecordingEntry> entry = ID.matcher(id).matches() ? recordings.index().find(id) : Optional.empty();
        // another agent's recording answers as if it did not exist: ids are not to be probed
        if (entry.isEmpty() || !mayRead(caller, entry.get())) {
            throw new ApiException(404, "not_found", "no recording with this id");
        }
        return entry.get();
    }

    /** Agents read the recordings of sessions they were in; other reader roles and integrations read all. */
    private static boolean mayRead(ApiAuthentication.Caller caller, RecordingEntry entry) {
        if (caller.staff() == null || caller.staff().role() != AccountRole.AGENT) {
            return true;
        }
        String username = caller.staff().username();
        return username.equals(entry.agent()) || entry.staff().contains(username);
    }

    private static ServerResponse unsatisfiable(long size) {
        return ServerResponse.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                .header("Content-Range", "bytes */" + size).build();
    }

    private static String filter(ServerRequest request, String name) {
        Optional<String> value = request.param(name);
        if (value.isEmpty() || value.get().isBlank()) {
            return null;
        }
        if (value.get().length() > MAX_FILTER_LENGTH) {
            throw new ApiException(400, "invalid_field", name + " is longer than " + MAX_FILTER_LENGTH + " characters");
        }
        return value.get().trim();
    }

    /** A date ({@code 2026-11-22}, UTC; {@code to} then means the end of that day) or an instant. */
    private static Instant date(ServerRequest request, String name, boolean endOfDay) {
        String value = filter(request, name);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_field", name + " must be a date (2026-11-22) or an instant");
        }
    }

    private static int limit(ServerRequest request) {
        Optional<String> value = request.param("limit");
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.get());
            if (limit >= 1 && limit <= RecordingQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, "invalid_field", "limit must be 1 to " + RecordingQuery.MAX_LIMIT);
    }

    static Map<String, Object> json(RecordingEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("recordingId", entry.recordingId());
        json.put("sessionId", entry.sessionId());
        json.put("ticketId", entry.ticketId());
        json.put("product", entry.product());
        json.put("category", entry.category());
        json.put("language", entry.language());
        json.put("agent", entry.agent());
        json.put("agentName", entry.agentName());
        json.put("staff", entry.staff());
        json.put("state", entry.state());
        json.put("outcome", entry.outcome());
        json.put("sessionStartedAt", entry.sessionStartedAt() == null ? null : entry.sessionStartedAt().toEpochMilli());
        json.put("startedAt", entry.startedAt().toEpochMilli());
        json.put("endedAt", entry.endedAt() == null ? null : entry.endedAt().toEpochMilli());
        json.put("durationMs", entry.durationMs());
        json.put("contentType", entry.contentType());
        json.put("bytes", entry.bytes());
        json.put("width", entry.width());
        json.put("height", entry.height());
        json.put("audioTracks", entry.audioTracks());
        if (entry.consent() != null) {
            Map<String, Object> consent = new LinkedHashMap<>();
            consent.put("customer", entry.consent().customer());
            consent.put("customerName", entry.consent().customerName());
            consent.put("requestedBy", entry.consent().requestedBy());
            consent.put("askedAt", entry.consent().askedAt().toEpochMilli());
            consent.put("answeredAt", entry.consent().answeredAt().toEpochMilli());
            consent.put("granted", entry.consent().granted());
            json.put("consent", consent);
        }
        json.put("description", entry.description());
        json.put("tags", entry.tags());
        json.put("notes", entry.notes().stream().map(RecordingRoutes::json).toList());
        json.put("media", "/api/recordings/" + entry.recordingId() + "/media");
        json.put("timeline", "/api/recordings/" + entry.recordingId() + "/timeline");
        return json;
    }

    static Map<String, Object> json(RecordingNote note) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("noteId", note.noteId());
        json.put("author", note.author());
        json.put("authorName", note.authorName());
        json.put("text", note.text());
        json.put("at", note.at().toEpochMilli());
        return json;
    }
}
