package org.remotesupport.media.srtp;

import org.bouncycastle.tls.SRTPProtectionProfile;
import org.jitsi.srtp.SrtpPolicy;

/**
 * The SRTP protection profiles the relay negotiates in DTLS {@code use_srtp}, in order of
 * preference, with the key and salt lengths that the DTLS exporter must produce for each.
 */
public enum SrtpProfile {
    /** RFC 7714: authenticated encryption, cheaper per packet than CTR + HMAC. */
    AEAD_AES_128_GCM(SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, 16, 12),
    /** RFC 5764 mandatory-to-implement profile. */
    AES_CM_128_HMAC_SHA1_80(SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80, 16, 14);

    private final int dtlsId;
    private final int keyLength;
    private final int saltLength;

    SrtpProfile(int dtlsId, int keyLength, int saltLength) {
        this.dtlsId = dtlsId;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    /** The profile's id in the DTLS use_srtp extension. */
    public int dtlsId() {
        return dtlsId;
    }

    public int keyLength() {
        return keyLength;
    }

    public int saltLength() {
        return saltLength;
    }

    /** The first of our profiles the client also offers, or null. */
    public static SrtpProfile choose(int[] offeredByClient) {
        for (SrtpProfile profile : values()) {
            for (int offered : offeredByClient) {
                if (offered == profile.dtlsId) {
                    return profile;
                }
            }
        }
        return null;
    }

    SrtpPolicy policy() {
        SrtpPolicy policy = switch (this) {
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, keyLength,
                    SrtpPolicy.NULL_AUTHENTICATION, 0, 16, saltLength);
            case AES_CM_128_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, keyLength,
                    SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, saltLength);
        };
        // the relay re-sends cached packets in answer to NACKs: same index, so the sender must not refuse replays
        policy.setSendReplayEnabled(false);
        return policy;
    }
}
