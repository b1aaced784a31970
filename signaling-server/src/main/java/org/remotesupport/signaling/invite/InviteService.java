package org.remotesupport.signaling.invite;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.remotesupport.signaling.identity.AccessTokens;
import org.remotesupport.signaling.identity.Principal;
import org.remotesupport.signaling.identity.TokenException;
import org.remotesupport.signaling.identity.TokenSigner;
import org.remotesupport.signaling.ticket.Ticket;
import org.remotesupport.signaling.ticket.TicketRequest;
import org.remotesupport.signaling.ticket.TicketStore;

/**
 * Invite links: a signed token, bound to one ticket (and optionally one agent and one open session),
 * that expires and lets one customer in once. {@link #create} records the ticket and signs the link;
 * {@link #redeem} uses it up and hands the customer a token scoped to that ticket. Thread-safe.
 */
public final class InviteService {

    /** The path prefix of invite links: {@code {base}/s/{token}}. */
    public static final String LINK_PATH = "/s/";

    static final String KIND = "invite";
    private static final String TICKET = "tkt";
    private static final String SESSION = "sid";
    private static final String AGENT = "agt";

    private final TokenSigner signer;
    private final AccessTokens tokens;
    private final InviteStore store;
    private final TicketStore tickets;
    private final Duration ttl;

    public InviteService(TokenSigner signer, AccessTokens tokens, InviteStore store, TicketStore tickets, Duration ttl) {
        this.signer = signer;
        this.tokens = tokens;
        this.store = store;
        this.tickets = tickets;
        this.ttl = ttl;
    }

    /** A new invite: its id, the signed token for the link, the ticket it is bound to, and its expiry. */
    public record Created(String inviteId, String token, Ticket ticket, Instant expiresAt) {

        /** The link a customer opens, under this base ({@code https://support.example.com}). */
        public String link(String base) {
            return base + LINK_PATH + token;
        }
    }

    /** A used-up invite: the customer's principal and the token that carries it. */
    public record Redeemed(Principal.Customer customer, AccessTokens.Issued token, Ticket ticket) {
    }

    /** When an invite made now expires. */
    public Instant expiryFromNow() {
        return signer.now().plus(ttl);
    }

    /**
     * Records a ticket and signs an invite bound to it.
     *
     * @param request   a validated ticket request
     * @param agent     the username of the only agent who may take this customer, or null
     * @param sessionId the open session the customer joins, or null when the customer queues
     * @param createdBy the username or integration that asked for it, for the record
     * @param expiresAt when the link stops working, usually {@link #expiryFromNow()}
     */
    public Created create(TicketRequest request, String agent, String sessionId, String createdBy, Instant expiresAt) {
        return sign(recordTicket(request, agent), sessionId, createdBy, expiresAt);
    }

    /** Records a ticket for a validated request; {@code agent} is the only agent who may take it, or null. */
    public Ticket recordTicket(TicketRequest request, String agent) {
        return newTicket(request, agent, signer.now());
    }

    /** Signs an invite bound to a recorded ticket and, when {@code sessionId} is not null, to that session. */
    public Created sign(Ticket ticket, String sessionId, String createdBy, Instant expiresAt) {
        String inviteId = signer.newId();
        Map<String, Object> claims = new HashMap<>();
        claims.put(TICKET, ticket.id());
        claims.put(SESSION, sessionId);
        claims.put(AGENT, ticket.agent());
        String token = signer.sign(KIND, inviteId, createdBy, expiresAt, claims);
        return new Created(inviteId, token, ticket, expiresAt);
    }

    /**
     * Checks a link without using it up, for the page that a link opens.
     *
     * @throws InviteException when it is invalid, expired or used
     */
    public void check(String token) throws InviteException {
        TokenSigner.Verified invite = verify(token);
        if (store.isUsed(invite.id())) {
            throw used();
        }
    }

    /**
     * Uses up an invite and issues the customer's token. Of two customers racing with one link, on any
     * nodes, exactly one gets in.
     *
     * @param displayName the name the customer gave, or null
     * @throws InviteException when it is invalid, expired or used
     */
    public Redeemed redeem(String token, String displayName) throws InviteException {
        TokenSigner.Verified invite = verify(token);
        Ticket ticket = tickets.find(invite.string(TICKET))
                .orElseThrow(() -> new InviteException(InviteException.Reason.INVALID,
                        "this link's ticket is no longer kept; ask for a new link"));
        if (!store.use(invite.id(), invite.expiresAt(), signer.now())) {
            throw used();
        }
        String name = displayName == null || displayName.isBlank() ? "Customer" : displayName;
        AccessTokens.Issued issued = tokens.issueCustomer(name, ticket.id(), invite.string(SESSION));
        Principal.Customer customer;
        try {
            customer = (Principal.Customer) tokens.verify(issued.token());
        } catch (TokenException e) {
            throw new IllegalStateException("a token just issued does not verify", e);
        }
        return new Redeemed(customer, issued, ticket);
    }

    private Ticket newTicket(TicketRequest request, String agent, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Ticket ticket = request.toTicket(signer.newId(), null, agent, now);
            if (tickets.create(ticket)) {
                return ticket;
            }
        }
        // three collisions of 103-bit random ids means the random source is broken
        throw new IllegalStateException("no free ticket id");
    }

    private TokenSigner.Verified verify(String token) throws InviteException {
        try {
            TokenSigner.Verified invite = signer.verify(KIND, token);
            if (invite.string(TICKET) == null) {
                throw new InviteException(InviteException.Reason.INVALID, "this link is not valid");
            }
            return invite;
        } catch (TokenException e) {
            if (e.reason() == TokenException.Reason.EXPIRED) {
                throw new InviteException(InviteException.Reason.EXPIRED,
                        "this link has expired; ask the agent or the shop for a new one");
            }
            throw new InviteException(InviteException.Reason.INVALID,
                    "this link is not valid; check that it was copied completely");
        }
    }

    private static InviteException used() {
        return new InviteException(InviteException.Reason.USED,
                "this link was already used; each link works once, so ask for a new one");
    }
}
