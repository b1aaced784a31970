package org.remotesupport.signaling.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Signs and verifies this server's tokens: compact JWS (JWT) with HMAC-SHA256 under one secret that
 * every signaling node shares. Each token names its kind (access, customer, invite) so that one kind
 * is never accepted in place of another. Thread-safe; the clock decides expiry.
 */
public final class TokenSigner {

    /** Shortest secret accepted: HS256 needs at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String ISSUER = "remote-support";
    private static final String KIND = "knd";
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;
    private final RandomGenerator random;

    public TokenSigner(byte[] secret, Clock clock, RandomGenerator random) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the token secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable token secret", e);
        }
        this.clock = clock;
        this.random = random;
    }

    /** The claims of a verified token. */
    public record Verified(String id, String subject, Instant expiresAt, Map<String, Object> claims) {

        /** A string claim, or null when absent or not a string. */
        public String string(String name) {
            return claims.get(name) instanceof String value ? value : null;
        }
    }

    /** The current time of this signer's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** A fresh random id of 20 characters from {@code [a-z0-9]} (about 103 bits). */
    public String newId() {
        char[] id = new char[20];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length()));
        }
        return new String(id);
    }

    /**
     * Signs a token of this kind with a fresh id.
     *
     * @param claims further claims: strings, numbers or lists of strings
     */
    public String sign(String kind, String id, String subject, Instant expiresAt, Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .jwtID(id)
                .subject(subject)
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(expiresAt))
                .claim(KIND, kind);
        claims.forEach((name, value) -> {
            if (value != null) {
                builder.claim(name, value);
            }
        });
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /**
     * Checks a token's signature, algorithm, issuer, kind and expiry.
     *
     * @throws TokenException {@code INVALID} when it is not a token of this kind from this server,
     *                        {@code EXPIRED} when it is but has expired
     */
    public Verified verify(String kind, String token) throws TokenException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenException(TokenException.Reason.INVALID, "the token is missing or too long");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenException(TokenException.Reason.INVALID, "the token is malformed");
        }
        // the algorithm is pinned: a token naming "none" or another algorithm is refused, not trusted
        boolean signed;
        try {
            signed = JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) && jwt.verify(verifier);
        } catch (JOSEException e) {
            signed = false;
        }
        if (!signed || !ISSUER.equals(claims.getIssuer()) || !kind.equals(claims.getClaim(KIND))
                || claims.getExpirationTime() == null || claims.getJWTID() == null || claims.getSubject() == null) {
            throw new TokenException(TokenException.Reason.INVALID, "the token was not issued by this server for this use");
        }
        Instant expiresAt = claims.getExpirationTime().toInstant();
        if (!clock.instant().isBefore(expiresAt)) {
            throw new TokenException(TokenException.Reason.EXPIRED, "the token has expired");
        }
        return new Verified(claims.getJWTID(), claims.getSubject(), expiresAt,
                Collections.unmodifiableMap(new HashMap<>(claims.getClaims())));
    }
}
