package org.remotesupport.signaling.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.MutableClock;

/** Signed tokens: what they carry, and every way a token that was not issued as it stands is refused. */
class TokensTest {

    private static final byte[] SECRET = "a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final TokenSigner signer = new TokenSigner(SECRET, clock, new Random(5));
    private final AccessTokens tokens = new AccessTokens(signer, Duration.ofHours(8), Duration.ofHours(4));
    private final Account ana = new Account("ana", "Ana", "hash", AccountRole.AGENT, List.of("en", "es"), List.of());

    @Test
    void aStaffTokenNamesTheAccountItsRoleAndItsExpiry() throws Exception {
        AccessTokens.Issued issued = tokens.issue(ana);

        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(8)));
        assertThat(tokens.verify(issued.token())).isEqualTo(
                new Principal.Staff("ana", "Ana", AccountRole.AGENT, issued.expiresAt()));
    }

    @Test
    void aCustomerTokenNamesItsTicketAndSession() throws Exception {
        AccessTokens.Issued issued = tokens.issueCustomer("Carla", "ticket1", "session1");

        Principal.Customer customer = (Principal.Customer) tokens.verify(issued.token());
        assertThat(customer.ticketId()).isEqualTo("ticket1");
        assertThat(customer.sessionId()).isEqualTo("session1");
        assertThat(customer.displayName()).isEqualTo("Carla");
        assertThat(customer.customerId()).startsWith("c-");
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        String token = tokens.issue(ana).token();
        clock.advance(Duration.ofHours(8));

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOfSatisfying(TokenException.class,
                e -> assertThat(e.reason()).isEqualTo(TokenException.Reason.EXPIRED));
    }

    @Test
    void aTamperedPayloadIsInvalid() {
        String[] parts = tokens.issue(ana).token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"agent\"", "\"admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertInvalid(tampered);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsInvalid() {
        TokenSigner other = new TokenSigner("another-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8),
                clock, new Random(5));

        assertInvalid(new AccessTokens(other, Duration.ofHours(8), Duration.ofHours(4)).issue(ana).token());
    }

    @Test
    void anUnsignedTokenIsInvalid() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"remote-support\",\"sub\":\"ana\",\"knd\":\"staff\",\"role\":\"admin\",\"jti\":\"x\",\"exp\":1999999999}"
                        .getBytes());

        assertInvalid(header + "." + payload + ".");
    }

    @Test
    void anInviteTokenIsNoAccessToken() {
        String invite = signer.sign("invite", "i1", "ana", clock.instant().plusSeconds(60), Map.of("tkt", "t1"));

        assertInvalid(invite);
    }

    @Test
    void aTokenSignedWithTheSecretButOfAnotherIssuerIsInvalid() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer("someone-else").subject("ana").jwtID("x").claim("knd", "staff").claim("role", "admin")
                .expirationTime(Date.from(clock.instant().plusSeconds(60))).build());
        jwt.sign(new MACSigner(SECRET));

        assertInvalid(jwt.serialize());
    }

    @Test
    void garbageIsInvalid() {
        assertInvalid("");
        assertInvalid("x".repeat(5000));
        assertInvalid("a.b.c");
    }

    private void assertInvalid(String token) {
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOfSatisfying(TokenException.class,
                e -> assertThat(e.reason()).isEqualTo(TokenException.Reason.INVALID));
    }
}
