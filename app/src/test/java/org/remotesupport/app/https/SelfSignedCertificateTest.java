package org.remotesupport.app.https;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

    private static final char[] PASSWORD = "secret".toCharArray();
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path directory;

    @Test
    void generatesAServerCertificateForLocalhostAndTheHostsAddresses() throws Exception {
        Path keyStore = directory.resolve("https").resolve("keystore.p12");

        boolean written = generator(NOW).ensure(keyStore, PASSWORD, List.of("support.lan"));

        assertThat(written).isTrue();
        X509Certificate certificate = load(keyStore);
        List<String> names = certificate.getSubjectAlternativeNames().stream()
                .map(name -> String.valueOf(name.get(1)))
                .toList();
        assertThat(names).contains("localhost", "support.lan", "127.0.0.1");
        assertThat(certificate.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(Duration.between(NOW, certificate.getNotAfter().toInstant())).isLessThanOrEqualTo(Duration.ofDays(398));
    }

    @Test
    void keepsAValidCertificateAcrossRestarts() throws Exception {
        Path keyStore = directory.resolve("keystore.p12");
        generator(NOW).ensure(keyStore, PASSWORD, List.of());
        X509Certificate first = load(keyStore);

        boolean written = generator(NOW.plus(Duration.ofDays(30))).ensure(keyStore, PASSWORD, List.of());

        assertThat(written).isFalse();
        assertThat(load(keyStore)).isEqualTo(first);
    }

    @Test
    void renewsACertificateThatIsAboutToExpire() throws Exception {
        Path keyStore = directory.resolve("keystore.p12");
        generator(NOW).ensure(keyStore, PASSWORD, List.of());
        X509Certificate first = load(keyStore);

        boolean written = generator(NOW.plus(Duration.ofDays(395))).ensure(keyStore, PASSWORD, List.of());

        assertThat(written).isTrue();
        assertThat(load(keyStore).getSerialNumber()).isNotEqualTo(first.getSerialNumber());
    }

    @Test
    void replacesAnUnreadableKeyStore() throws Exception {
        Path keyStore = directory.resolve("keystore.p12");
        Files.writeString(keyStore, "not a key store");

        assertThat(generator(NOW).ensure(keyStore, PASSWORD, List.of())).isTrue();
        assertThat(load(keyStore)).isNotNull();
    }

    private static SelfSignedCertificate generator(Instant now) {
        return new SelfSignedCertificate(Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());
    }

    private static X509Certificate load(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        return (X509Certificate) store.getCertificate(SelfSignedCertificate.ALIAS);
    }
}
