package org.remotesupport.signaling.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.remotesupport.protocol.signaling.ServerMessage;

/**
 * Time-limited TURN credentials as coturn's {@code use-auth-secret} mode checks them: the username is
 * {@code <expiry as Unix seconds>:<participant>}, the password is base64(HMAC-SHA1(secret, username)).
 * coturn recomputes the password from the username, so nothing needs to be shared per participant.
 * Thread-safe. The JDK's {@link Mac} does the HMAC; the format is coturn's, so no library adds to it.
 */
public final class TurnCredentials {

    private final List<String> urls;
    private final byte[] secret;
    private final Duration ttl;
    private final String iceTransportPolicy;
    private final Clock clock;

    /** Credentials for these servers; clients may also reach the relay directly ({@code iceTransportPolicy} {@code all}). */
    public TurnCredentials(List<String> urls, String secret, Duration ttl, Clock clock) {
        this(urls, secret, ttl, "all", clock);
    }

    /** Credentials for these servers; {@code iceTransportPolicy} is {@code all} or {@code relay}, as clients pass it on. */
    public TurnCredentials(List<String> urls, String secret, Duration ttl, String iceTransportPolicy, Clock clock) {
        this.urls = List.copyOf(urls);
        this.iceTransportPolicy = iceTransportPolicy;
        this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Whether TURN servers are configured at all. */
    public boolean enabled() {
        return !urls.isEmpty();
    }

    /** The {@code iceTransportPolicy} clients should use, {@code all} or {@code relay}; null when TURN is not configured. */
    public String iceTransportPolicy() {
        return enabled() ? iceTransportPolicy : null;
    }

    /** The TURN servers for one participant with fresh credentials, or an empty list when TURN is not configured. */
    public List<ServerMessage.IceServer> iceServersFor(String participant) {
        if (!enabled()) {
            return List.of();
        }
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String username = expiry + ":" + participant;
        return List.of(new ServerMessage.IceServer(urls, username, password(secret, username)));
    }

    /** base64(HMAC-SHA1(secret, username)), the credential coturn expects for this username. */
    static String password(byte[] secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // HmacSHA1 is a required algorithm of every Java platform
            throw new IllegalStateException(e);
        }
    }
}
