package org.remotesupport.signaling.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.remotesupport.signaling.entry.PhotoStore;
import org.remotesupport.signaling.identity.AccessTokens;
import org.remotesupport.signaling.identity.Account;
import org.remotesupport.signaling.identity.AccountRole;
import org.remotesupport.signaling.identity.AccountStore;
import org.remotesupport.signaling.identity.PasswordLogin;
import org.remotesupport.signaling.identity.Principal;
import org.remotesupport.signaling.identity.SignInLimitedException;
import org.remotesupport.signaling.invite.InviteService;
import org.remotesupport.signaling.journal.SessionCollaboration;
import org.remotesupport.signaling.journal.SessionJournal;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SupportSession;
import org.remotesupport.signaling.ticket.Ticket;
import org.remotesupport.signaling.ticket.TicketRequest;
import org.remotesupport.signaling.ticket.TicketStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The REST API under {@code /api}: sign-in, invites, sessions and tickets for the consoles and for
 * integrations. Functional routes, registered as one bean, so that component scanning never maps them
 * twice. Handlers run on servlet threads; refusals are JSON {@code {error, message}} with an HTTP
 * status (docs/api.md lists them).
 */
final class ApiRoutes {

    private static final AccountRole[] CONSOLE = {AccountRole.AGENT, AccountRole.SUPERVISOR, AccountRole.ADMIN};
    /** Who may see the live sessions and their journals: the console roles and trainees, who watch to learn. */
    private static final AccountRole[] WATCHERS = {AccountRole.AGENT, AccountRole.SUPERVISOR, AccountRole.TRAINEE,
            AccountRole.ADMIN};
    private static final int MAX_ID_LENGTH = 64;
    private static final int MAX_CREDENTIAL_LENGTH = 256;

    private final PasswordLogin login;
    private final AccessTokens tokens;
    private final AccountStore accounts;
    private final InviteService invites;
    private final SessionRegistry sessions;
    private final TicketStore tickets;
    private final PhotoStore photos;
    private final ApiAuthentication authentication;
    private final URI publicBaseUrl;
    private final SessionJournal journal;
    private final SessionCollaboration collaboration;
    private final long maxSnapshotBytes;

    ApiRoutes(PasswordLogin login, AccessTokens tokens, AccountStore accounts, InviteService invites,
              SessionRegistry sessions, TicketStore tickets, PhotoStore photos, ApiAuthentication authentication,
              URI publicBaseUrl, SessionJournal journal, SessionCollaboration collaboration, long maxSnapshotBytes) {
        this.journal = journal;
        this.collaboration = collaboration;
        this.maxSnapshotBytes = maxSnapshotBytes;
        this.login = login;
        this.tokens = tokens;
        this.accounts = accounts;
        this.invites = invites;
        this.sessions = sessions;
        this.tickets = tickets;
        this.photos = photos;
        this.authentication = authentication;
        this.publicBaseUrl = publicBaseUrl;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/api/auth/login", this::login)
                .POST("/api/invites", this::createInvite)
                .GET("/api/sessions", this::listSessions)
                .GET("/api/sessions/{id}", this::readSession)
                .POST("/api/sessions/{id}/snapshots", this::uploadSnapshot)
                .GET("/api/sessions/{id}/snapshots/{snapshotId}", this::readSnapshot)
                .GET("/api/tickets/{id}", this::readTicket)
                .GET("/api/tickets/{id}/photo", this::readPhoto)
                .onError(ApiException.class, (e, request) -> error((ApiException) e))
                .build();
    }

    static ServerResponse error(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code());
        body.put("message", e.getMessage());
        ServerResponse.BodyBuilder response = ServerResponse.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()));
        }
        return response.body(body);
    }

    record LoginRequest(String username, String password) {
    }

    private ServerResponse login(ServerRequest request) {
        LoginRequest body = ApiRequests.body(request, LoginRequest.class);
        if (body.username() == null || body.password() == null || body.username().length() > MAX_CREDENTIAL_LENGTH
                || body.password().length() > MAX_CREDENTIAL_LENGTH) {
            throw new ApiException(400, "invalid_request", "username and password are required, each at most "
                    + MAX_CREDENTIAL_LENGTH + " characters");
        }
        Account account;
        try {
            account = login.authenticate(body.username(), body.password(),
                    request.servletRequest().getRemoteAddr())
                    .orElseThrow(() -> new ApiException(401, "invalid_credentials", "wrong username or password"));
        } catch (SignInLimitedException e) {
            throw new ApiException(429, "rate_limited", e.getMessage(), e.retryAfter());
        }
        AccessTokens.Issued issued = tokens.issue(account);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("token", issued.token());
        response.put("expiresAt", issued.expiresAt().toEpochMilli());
        response.put("username", account.username());
        response.put("name", account.displayName());
        response.put("role", account.role().wire());
        response.put("languages", account.languages());
        response.put("categories", account.categories());
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(response);
    }

    record InviteRequest(String orderNumber, String product, String category, String language, String tier,
                         String severity, String description, String agent) {
    }

    private ServerResponse createInvite(ServerRequest request) {
        ApiAuthentication.Caller caller = authentication.require(request, CONSOLE);
        InviteRequest body = ApiRequests.body(request, InviteRequest.class);
        TicketRequest ticket;
        try {
            ticket = new TicketRequest(body.orderNumber(), body.product(), body.category(), body.language(),
                    body.tier(), body.severity(), body.description()).validate(true);
        } catch (TicketRequest.InvalidTicketException e) {
            throw new ApiException(400, "invalid_field", e.getMessage());
        }
        String agent = body.agent();
        if (agent != null && (agent.length() > 64
                || accounts.find(agent).filter(a -> a.role() == AccountRole.AGENT).isEmpty())) {
            throw new ApiException(400, "invalid_field", "agent names no agent account");
        }
        InviteService.Created invite = invites.create(ticket, agent, null, caller.name(), invites.expiryFromNow());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("inviteId", invite.inviteId());
        response.put("link", invite.link(ApiRequests.linkBase(publicBaseUrl, request)));
        response.put("expiresAt", invite.expiresAt().toEpochMilli());
        response.put("ticket", ticketJson(invite.ticket()));
        return ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(response);
    }

    private ServerResponse listSessions(ServerRequest request) {
        authentication.require(request, WATCHERS);
        List<Map<String, Object>> list = sessions.all().stream()
                .sorted((a, b) -> a.sessionId().compareTo(b.sessionId()))
                .map(s -> {
                    Map<String, Object> json = sessionJson(s);
                    json.put("frozen", journal.frozen(s.sessionId()).map(SessionJournal.Freeze::snapshotId).orElse(null));
                    return json;
                })
                .toList();
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("sessions", list));
    }

    /** A live session with its journal, or an ended one as its journal recorded it. */
    private ServerResponse readSession(ServerRequest request) {
        authentication.require(request, WATCHERS);
        String id = request.pathVariable("id");
        if (id.length() > MAX_ID_LENGTH) {
            throw new ApiException(404, "not_found", "no session with this id");
        }
        Map<String, Object> json;
        SupportSession session = sessions.find(id).orElse(null);
        if (session != null) {
            json = sessionJson(session);
            json.put("state", "live");
        } else {
            SessionJournal.Ending ending = journal.ending(id)
                    .orElseThrow(() -> new ApiException(404, "not_found", "no session with this id"));
            json = new LinkedHashMap<>();
            json.put("sessionId", id);
            json.put("ticketId", ending.ticketId());
            json.put("startedAt", ending.startedAt());
            json.put("agent", ending.agent());
            json.put("state", "ended");
            json.put("endedAt", ending.endedAt());
            json.put("reason", ending.reason());
            json.put("outcome", ending.outcome());
            json.put("note", ending.note());
            json.put("participants", ending.attendees().stream()
                    .map(a -> Map.of("subject", a.subject(), "role", a.role())).toList());
        }
        json.put("frozen", journal.frozen(id).map(SessionJournal.Freeze::snapshotId).orElse(null));
        json.put("snapshots", journal.snapshots(id).stream().map(s -> snapshotJson(id, s)).toList());
        json.put("notes", journal.notes(id));
        json.put("chat", journal.chat(id));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    /**
     * The agent or an expert of a live session uploads a still of the customer's video as the request
     * body; or the customer of the session a photo from its camera (with its own token).
     */
    private ServerResponse uploadSnapshot(ServerRequest request) {
        Principal principal = authentication.identify(request);
        String id = request.pathVariable("id");
        boolean customer = principal instanceof Principal.Customer;
        if (!customer && !(principal instanceof Principal.Staff staff && staff.role() == AccountRole.AGENT)) {
            throw new ApiException(403, "forbidden", "snapshots are taken by the agent or the customer of the session");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new ApiException(404, "not_found", "no live session with this id");
        }
        byte[] bytes = ApiRequests.bytes(request, maxSnapshotBytes);
        SessionJournal.Snapshot snapshot;
        try {
            snapshot = customer ? collaboration.storeCustomerPhoto(principal.subject(), id, bytes)
                    : collaboration.storeSnapshot(principal.subject(), id, bytes);
        } catch (SessionCollaboration.SnapshotRefused e) {
            throw new ApiException(e.status(), e.code(), e.getMessage());
        }
        return ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                .body(snapshotJson(id, snapshot));
    }

    /** A snapshot, for members of its session (customers with their own token too), supervisors, trainees, admins and integrations. */
    private ServerResponse readSnapshot(ServerRequest request) {
        Principal principal = authentication.identify(request);
        String id = request.pathVariable("id");
        String snapshotId = request.pathVariable("snapshotId");
        boolean everything = principal == null || (principal instanceof Principal.Staff staff
                && (staff.role() == AccountRole.SUPERVISOR || staff.role() == AccountRole.TRAINEE
                || staff.role() == AccountRole.ADMIN));
        if (id.length() > MAX_ID_LENGTH || snapshotId.length() > MAX_ID_LENGTH) {
            throw new ApiException(404, "not_found", "no such snapshot");
        }
        if (!everything && !collaboration.attended(principal.subject(), id)) {
            throw new ApiException(403, "forbidden", "only people in this session may see its snapshots");
        }
        PhotoStore.Photo photo = collaboration.snapshot(principal == null ? null : principal.subject(), everything,
                id, snapshotId).orElseThrow(() -> new ApiException(404, "not_found", "no such snapshot"));
        return ServerResponse.ok().contentType(MediaType.parseMediaType(photo.mediaType()))
                .header("Cache-Control", "private, max-age=3600")
                .header("X-Content-Type-Options", "nosniff")
                .body(photo.bytes());
    }

    private static Map<String, Object> snapshotJson(String sessionId, SessionJournal.Snapshot snapshot) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("snapshotId", snapshot.snapshotId());
        json.put("url", "/api/sessions/" + sessionId + "/snapshots/" + snapshot.snapshotId());
        json.put("by", snapshot.by());
        json.put("at", snapshot.at());
        json.put("mediaType", snapshot.mediaType());
        json.put("bytes", snapshot.bytes());
        return json;
    }

    private ServerResponse readTicket(ServerRequest request) {
        authentication.require(request, CONSOLE);
        Ticket ticket = ticket(request.pathVariable("id"));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(ticketJson(ticket));
    }

    private ServerResponse readPhoto(ServerRequest request) {
        authentication.require(request, CONSOLE);
        Ticket ticket = ticket(request.pathVariable("id"));
        PhotoStore.Photo photo = (ticket.photoRef() == null ? null : photos.load(ticket.photoRef()).orElse(null));
        if (photo == null) {
            throw new ApiException(404, "not_found", "this ticket has no photo");
        }
        return ServerResponse.ok().contentType(MediaType.parseMediaType(photo.mediaType()))
                .header("Cache-Control", "private, no-store")
                .header("X-Content-Type-Options", "nosniff")
                .body(photo.bytes());
    }

    private Ticket ticket(String id) {
        return (id.length() > 64 ? java.util.Optional.<Ticket>empty() : tickets.find(id))
                .orElseThrow(() -> new ApiException(404, "not_found", "no ticket with this id"));
    }

    static Map<String, Object> ticketJson(Ticket ticket) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", ticket.id());
        json.put("orderNumber", ticket.orderNumber());
        json.put("product", ticket.product());
        json.put("category", ticket.category());
        json.put("language", ticket.language());
        json.put("tier", ticket.tier().wire());
        json.put("severity", ticket.severity().wire());
        json.put("description", ticket.description());
        json.put("hasPhoto", ticket.photoRef() != null);
        json.put("agent", ticket.agent());
        json.put("createdAt", ticket.createdAt().toEpochMilli());
        return json;
    }

    static Map<String, Object> sessionJson(SupportSession session) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sessionId", session.sessionId());
        json.put("ticketId", session.ticket() == null ? null : session.ticket().id());
        json.put("startedAt", session.startedAt() == null ? null : session.startedAt().toEpochMilli());
        session.member(session.agentId()).ifPresent(agent -> {
            json.put("agent", agent.subject());
            json.put("agentName", agent.name());
        });
        if (session.ticket() != null) {
            json.put("language", session.ticket().language());
            json.put("product", session.ticket().product());
            json.put("category", session.ticket().category());
            json.put("orderNumber", session.ticket().orderNumber());
        }
        json.put("participants", session.members().stream().map(ApiRoutes::memberJson).toList());
        return json;
    }

    private static Map<String, Object> memberJson(Member member) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("participantId", member.participantId());
        json.put("role", member.role().wire());
        json.put("name", member.name());
        json.put("subject", member.subject());
        return json;
    }
}
