package org.remotesupport.signaling.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature header of a webhook: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}.
 * Signing the time with the body lets a receiver refuse replays of old deliveries. The JDK's
 * {@link Mac} computes it; the header format is this API's own, so no library defines it. Stateless.
 */
public final class WebhookSignature {

    /** The name of the header. */
    public static final String HEADER = "X-RemoteSupport-Signature";

    private WebhookSignature() {
    }

    /** The header value for this body, signed at this time. */
    public static String sign(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    /** HMAC-SHA256 of the text under the secret, in lower-case hex. */
    static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is a required algorithm of every Java platform
            throw new IllegalStateException(e);
        }
    }
}
