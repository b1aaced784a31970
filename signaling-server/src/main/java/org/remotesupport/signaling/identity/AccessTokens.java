package org.remotesupport.signaling.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Issues and verifies the bearer tokens of the WebSocket ({@code hello.token}) and the REST API
 * ({@code Authorization: Bearer}): staff tokens after a password sign-in, customer tokens from the
 * entry flows. Thread-safe.
 */
public final class AccessTokens {

    static final String STAFF = "staff";
    static final String CUSTOMER = "customer";
    private static final String ROLE = "role";
    private static final String NAME = "name";
    private static final String TICKET = "tkt";
    private static final String SESSION = "sid";

    private final TokenSigner signer;
    private final Duration staffTtl;
    private final Duration customerTtl;

    public AccessTokens(TokenSigner signer, Duration staffTtl, Duration customerTtl) {
        this.signer = signer;
        this.staffTtl = staffTtl;
        this.customerTtl = customerTtl;
    }

    /** A token and when it expires. */
    public record Issued(String token, Instant expiresAt) {
    }

    /** A token for a signed-in account. */
    public Issued issue(Account account) {
        Instant expiresAt = signer.now().plus(staffTtl);
        Map<String, Object> claims = new HashMap<>();
        claims.put(ROLE, account.role().wire());
        claims.put(NAME, account.displayName());
        return new Issued(signer.sign(STAFF, signer.newId(), account.username(), expiresAt, claims), expiresAt);
    }

    /**
     * A token for a customer who entered for this ticket, with a fresh customer id.
     *
     * @param sessionId the session the customer may join, or null when the customer queues
     */
    public Issued issueCustomer(String displayName, String ticketId, String sessionId) {
        Instant expiresAt = signer.now().plus(customerTtl);
        Map<String, Object> claims = new HashMap<>();
        claims.put(NAME, displayName);
        claims.put(TICKET, ticketId);
        claims.put(SESSION, sessionId);
        return new Issued(signer.sign(CUSTOMER, signer.newId(), "c-" + signer.newId(), expiresAt, claims), expiresAt);
    }

    /**
     * Who a token speaks for.
     *
     * @throws TokenException when it is not a valid, unexpired staff or customer token of this server
     */
    public Principal verify(String token) throws TokenException {
        TokenException staffFailure;
        try {
            TokenSigner.Verified verified = signer.verify(STAFF, token);
            AccountRole role = AccountRole.fromWire(verified.string(ROLE))
                    .orElseThrow(() -> new TokenException(TokenException.Reason.INVALID, "the token names no role"));
            return new Principal.Staff(verified.subject(), nameOf(verified), role, verified.expiresAt());
        } catch (TokenException e) {
            staffFailure = e;
        }
        try {
            TokenSigner.Verified verified = signer.verify(CUSTOMER, token);
            String ticket = verified.string(TICKET);
            if (ticket == null) {
                throw new TokenException(TokenException.Reason.INVALID, "the token names no ticket");
            }
            return new Principal.Customer(verified.subject(), nameOf(verified), ticket, verified.string(SESSION),
                    verified.expiresAt());
        } catch (TokenException customerFailure) {
            // an expired token of either kind says so; anything else is simply invalid
            throw staffFailure.reason() == TokenException.Reason.EXPIRED ? staffFailure : customerFailure;
        }
    }

    private static String nameOf(TokenSigner.Verified verified) {
        String name = verified.string(NAME);
        return name == null ? verified.subject() : name;
    }
}
