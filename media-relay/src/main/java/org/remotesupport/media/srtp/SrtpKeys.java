package org.remotesupport.media.srtp;

import java.util.Arrays;

/**
 * The SRTP master keys and salts that a DTLS handshake exported (RFC 5764 section 4.2), split into
 * the client's and the server's halves. Immutable.
 */
public record SrtpKeys(SrtpProfile profile, byte[] clientKey, byte[] clientSalt, byte[] serverKey, byte[] serverSalt) {

    /** Length of the keying material to export for a profile. */
    public static int materialLength(SrtpProfile profile) {
        return 2 * (profile.keyLength() + profile.saltLength());
    }

    /** Splits exported keying material: client key, server key, client salt, server salt. */
    public static SrtpKeys fromExportedMaterial(SrtpProfile profile, byte[] material) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (material.length != materialLength(profile)) {
            throw new IllegalArgumentException("expected " + materialLength(profile) + " bytes of keying material");
        }
        return new SrtpKeys(profile,
                Arrays.copyOfRange(material, 0, k),
                Arrays.copyOfRange(material, 2 * k, 2 * k + s),
                Arrays.copyOfRange(material, k, 2 * k),
                Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s));
    }
}
