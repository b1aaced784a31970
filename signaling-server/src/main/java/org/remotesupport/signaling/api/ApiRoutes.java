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
import org.remotesupport.signaling.identity.SignInLimitedException;
import org.remotesupport.signaling.invite.InviteService;
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

    ApiRoutes(PasswordLogin login, AccessTokens tokens, AccountStore accounts, InviteService invites,
              SessionRegistry sessions, TicketStore tickets, PhotoStore photos, ApiAuthentication authentication,
              URI publicBaseUrl) {
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
        authentication.require(request, CONSOLE);
        List<Map<String, Object>> list = sessions.all().stream()
                .sorted((a, b) -> a.sessionId().compareTo(b.sessionId()))
                .map(ApiRoutes::sessionJson)
                .toList();
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("sessions", list));
    }

    private ServerResponse readSession(ServerRequest request) {
        authentication.require(request, CONSOLE);
        String id = request.pathVariable("id");
        SupportSession session = (id.length() > 64 ? null : sessions.find(id).orElse(null));
        if (session == null) {
            throw new ApiException(404, "not_found", "no session with this id");
        }
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(sessionJson(session));
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
        session.member(session.agentId()).ifPresent(agent -> json.put("agent", agent.subject()));
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
