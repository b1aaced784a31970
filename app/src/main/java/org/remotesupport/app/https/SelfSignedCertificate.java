package org.remotesupport.app.https;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates and keeps a self-signed certificate in a PKCS#12 file so that phones on the local network
 * get a secure page (after accepting the warning). Not thread-safe; used once at start-up.
 */
final class SelfSignedCertificate {

    static final String ALIAS = "remote-support";
    // browsers refuse server certificates valid for longer than 398 days
    private static final Duration VALIDITY = Duration.ofDays(397);
    private static final Duration RENEW_BEFORE = Duration.ofDays(7);

    private final Clock clock;
    private final SecureRandom random;

    SelfSignedCertificate(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /**
     * Makes sure {@code keyStore} holds a certificate that is valid for at least another week,
     * generating a new key and certificate otherwise.
     *
     * @return true if a new certificate was written
     */
    boolean ensure(Path keyStore, char[] password, List<String> extraNames) throws IOException, GeneralSecurityException {
        if (Files.exists(keyStore) && stillValid(keyStore, password)) {
            return false;
        }
        Files.createDirectories(keyStore.toAbsolutePath().getParent());
        KeyStore store = generate(password, extraNames);
        // write next to the target and move, so a crash never leaves half a key store behind
        Path temporary = Files.createTempFile(keyStore.toAbsolutePath().getParent(), "keystore", ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            store.store(out, password);
        }
        Files.move(temporary, keyStore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private boolean stillValid(Path keyStore, char[] password) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            Certificate certificate = store.getCertificate(ALIAS);
            return certificate instanceof X509Certificate x509
                    && x509.getNotAfter().toInstant().isAfter(clock.instant().plus(RENEW_BEFORE));
        } catch (IOException | GeneralSecurityException e) {
            // unreadable or written with another password: replace it rather than refuse to start
            return false;
        }
    }

    private KeyStore generate(char[] password, List<String> extraNames) throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair keyPair = generator.generateKeyPair();

        Instant now = clock.instant();
        X500Name subject = new X500Name("CN=" + localHostName() + ",O=Remote support (self-signed)");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(64, random).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(VALIDITY)),
                subject,
                keyPair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(extraNames));
        X509Certificate certificate;
        try {
            certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate", e);
        }

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, keyPair.getPrivate(), password, new Certificate[] {certificate});
        return store;
    }

    private static GeneralNames subjectAlternativeNames(List<String> extraNames) {
        Set<String> dnsNames = new LinkedHashSet<>();
        dnsNames.add("localhost");
        dnsNames.add(localHostName());
        dnsNames.addAll(extraNames);
        List<GeneralName> names = new ArrayList<>();
        for (String name : dnsNames) {
            names.add(new GeneralName(GeneralName.dNSName, name));
        }
        for (String address : interfaceAddresses()) {
            names.add(new GeneralName(GeneralName.iPAddress, address));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Addresses of every interface that is up, loopback included, without IPv6 scope ids. */
    static List<String> interfaceAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        addresses.add("127.0.0.1");
        try {
            for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!networkInterface.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int scope = text.indexOf('%');
                    addresses.add(scope < 0 ? text : text.substring(0, scope));
                }
            }
        } catch (SocketException e) {
            // no interface list: the certificate still names localhost
        }
        return List.copyOf(addresses);
    }
}
