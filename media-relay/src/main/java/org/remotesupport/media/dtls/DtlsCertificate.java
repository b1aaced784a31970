package org.remotesupport.media.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The relay's DTLS identity: an ECDSA P-256 key pair and a self-signed certificate made at start,
 * and the SHA-256 fingerprint that goes into every SDP offer ({@code a=fingerprint}). Immutable.
 */
public final class DtlsCertificate {

    private final PrivateKey privateKey;
    private final byte[] certificateDer;
    private final String fingerprint;

    private DtlsCertificate(PrivateKey privateKey, byte[] certificateDer) {
        this.privateKey = privateKey;
        this.certificateDer = certificateDer;
        this.fingerprint = sha256Fingerprint(certificateDer);
    }

    /** Generates a fresh key pair and a certificate valid for 30 days around now. */
    public static DtlsCertificate generate(SecureRandom random, Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            Instant now = clock.instant();
            X500Name name = new X500Name("CN=remote-support-relay");
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(
                    name,
                    new BigInteger(64, random).abs().add(BigInteger.ONE),
                    // a day of slack either side: browsers reject certificates that are not yet valid
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))),
                    name,
                    pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            return new DtlsCertificate(pair.getPrivate(), holder.getEncoded());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create the relay's DTLS certificate", e);
        }
    }

    /** The fingerprint as SDP writes it: upper-case hex pairs joined by colons, without the hash name. */
    public String fingerprint() {
        return fingerprint;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    byte[] certificateDer() {
        return certificateDer.clone();
    }

    /** SHA-256 fingerprint of a DER certificate in SDP notation. */
    public static String sha256Fingerprint(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
