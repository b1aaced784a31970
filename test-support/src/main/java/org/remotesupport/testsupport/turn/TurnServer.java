package org.remotesupport.testsupport.turn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.remotesupport.testsupport.process.ServerProcesses;

/**
 * A real coturn ({@code turnserver}) for tests: listens on 127.0.0.1 with a plain listener (TURN over
 * UDP and TCP) and a TLS listener on two free ports, checks credentials in coturn's
 * {@code use-auth-secret} mode against the secret it is given (the signaling server's
 * {@code remote-support.turn.secret}), and accepts connections when {@link #start} returns.
 * {@link #close} stops it and deletes its directory (certificate, key, log). Thread-safe; its methods
 * block the calling thread for at most a few seconds.
 *
 * <p>The binary is {@code turnserver} from the Debian package {@code coturn}, looked up in the system
 * property {@code turnserver}, then {@code PATH}, then {@code /usr/bin} and {@code /usr/sbin}. When it
 * is missing the start fails with a message that names {@code scripts/test.sh}, which installs it:
 * tests that need TURN are never skipped.
 */
public final class TurnServer implements AutoCloseable {

    private static final List<Path> WELL_KNOWN = List.of(Path.of("/usr/bin/turnserver"), Path.of("/usr/sbin/turnserver"));
    private static final Duration READY_WITHIN = Duration.ofSeconds(10);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(5);
    private static final int PORT_ATTEMPTS = 5;
    private static final String LOG = "turnserver.log";

    private final Path binary;
    private final Path directory;
    private final String secret;
    private final String realm;
    private final int port;
    private final int tlsPort;
    private final String certificatePin;
    private Process process;

    private TurnServer(Path binary, Path directory, String secret, String realm, int port, int tlsPort,
                       String certificatePin) {
        this.certificatePin = certificatePin;
        this.binary = binary;
        this.directory = directory;
        this.secret = secret;
        this.realm = realm;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /**
     * Starts coturn and waits until both listeners accept connections.
     *
     * @param secret coturn's {@code static-auth-secret}: the secret the signaling server signs TURN credentials with
     * @param realm  coturn's {@code realm}
     */
    public static TurnServer start(String secret, String realm) {
        Path binary = findBinary().orElseThrow(() -> new IllegalStateException(
                "turnserver was not found (system property turnserver, PATH, /usr/bin, /usr/sbin). "
                        + "Run scripts/test.sh, which installs the Debian package coturn when it is missing, "
                        + "or install it yourself: apt-get install coturn"));
        Path directory;
        String certificatePin;
        try {
            directory = Files.createTempDirectory("turnserver-test-");
            certificatePin = writeCertificate(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a directory for turnserver", e);
        }
        IllegalStateException failure = null;
        // ports found free may be taken by someone else before turnserver binds them: try others
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            TurnServer server = new TurnServer(binary, directory, secret, realm, freePort(), freePort(), certificatePin);
            try {
                server.launch();
                return server;
            } catch (IllegalStateException e) {
                server.stopProcess();
                failure = e;
            }
        }
        ServerProcesses.deleteRecursively(directory);
        throw failure;
    }

    /** TURN over TCP on the plain listener, e.g. {@code turn:127.0.0.1:40123?transport=tcp}. */
    public String tcpUrl() {
        return "turn:127.0.0.1:" + port + "?transport=tcp";
    }

    /** TURN over UDP on the plain listener, e.g. {@code turn:127.0.0.1:40123?transport=udp}. */
    public String udpUrl() {
        return "turn:127.0.0.1:" + port + "?transport=udp";
    }

    /** TURN over TLS (self-signed certificate for {@code localhost} and 127.0.0.1), e.g. {@code turns:127.0.0.1:40124?transport=tcp}. */
    public String tlsUrl() {
        return "turns:127.0.0.1:" + tlsPort + "?transport=tcp";
    }

    /** The plain listener's port (UDP and TCP) on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The TLS listener's port on 127.0.0.1. */
    public int tlsPort() {
        return tlsPort;
    }

    /**
     * base64(SHA-256) of the TLS certificate's public key (SubjectPublicKeyInfo): Chromium checks TURN
     * servers' certificates, so a browser test trusts this one with
     * {@code --ignore-certificate-errors-spki-list=<pin>} rather than ignoring every certificate error.
     */
    public String certificatePin() {
        return certificatePin;
    }

    /** The realm coturn was started with. */
    public String realm() {
        return realm;
    }

    /** coturn's log so far (one line per event: sessions, allocations, permissions, errors). */
    public String log() {
        try {
            Path log = directory.resolve(LOG);
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read turnserver's log", e);
        }
    }

    /** Stops coturn and deletes its directory. */
    @Override
    public synchronized void close() {
        stopProcess();
        ServerProcesses.deleteRecursively(directory);
    }

    @Override
    public String toString() {
        return "turnserver on 127.0.0.1:" + port + " (TLS " + tlsPort + ")";
    }

    private synchronized void launch() {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                // no configuration file: everything is on the command line
                "-n",
                "--listening-ip=127.0.0.1",
                "--relay-ip=127.0.0.1",
                "--listening-port=" + port,
                "--tls-listening-port=" + tlsPort,
                // coturn would also listen on port + 1 for RFC 5780 NAT discovery; tests have no use for it
                "--alt-listening-port=0",
                "--alt-tls-listening-port=0",
                "--use-auth-secret",
                "--static-auth-secret=" + secret,
                "--realm=" + realm,
                "--cert=" + directory.resolve("cert.pem"),
                "--pkey=" + directory.resolve("key.pem"),
                "--no-cli",
                "--no-multicast-peers",
                // coturn refuses to relay to loopback peers by default (a TURN server must not become a way
                // into its own host); the relay under test listens on 127.0.0.1, so tests must allow it.
                // Never in production: there, deny private ranges except the relay's address.
                "--allow-loopback-peers",
                "--pidfile=" + directory.resolve("turnserver.pid"),
                // verbose: the log records each session and allocation, which tests may look for
                "--verbose",
                "--log-file=stdout",
                "--simple-log"));
        process = ServerProcesses.start(command, directory, LOG);
        ServerProcesses.awaitReady(process, "turnserver", () -> accepts(port) && accepts(tlsPort), READY_WITHIN, 5, 100,
                () -> "accepting connections on 127.0.0.1:" + port + " and " + tlsPort + ": " + logTail());
        // coturn logs a failed bind and carries on without that listener; someone else may own the port then
        if (log().toLowerCase().contains("cannot bind")) {
            throw new IllegalStateException("turnserver could not bind its ports " + port + "/" + tlsPort + ": " + logTail());
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized void stopProcess() {
        Process running = process;
        if (running == null) {
            return;
        }
        // SIGTERM: coturn closes its sessions and exits
        running.destroy();
        ServerProcesses.stop(running, STOP_WITHIN);
        process = null;
    }

    /**
     * Writes a self-signed EC certificate for localhost and 127.0.0.1, and its key, as PEM files coturn
     * reads; returns the {@linkplain #certificatePin() pin} of its public key.
     */
    private static String writeCertificate(Path directory) throws IOException {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keyPair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost,O=Remote support test TURN server");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(2))), subject, keyPair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
            try (Writer out = Files.newBufferedWriter(directory.resolve("cert.pem"));
                 JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(certificate);
            }
            try (Writer out = Files.newBufferedWriter(directory.resolve("key.pem"));
                 JcaPEMWriter pem = new JcaPEMWriter(out)) {
                // PKCS#8 ("PRIVATE KEY"): OpenSSL, which coturn uses, reads it for every key type
                pem.writeObject(new JcaPKCS8Generator(keyPair.getPrivate(), null));
            }
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a certificate for turnserver", e);
        }
    }

    private String logTail() {
        List<String> lines = log().lines().toList();
        StringBuilder tail = new StringBuilder();
        lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> tail.append("\n  ").append(l));
        return tail.length() == 0 ? "(no output)" : tail.toString();
    }

    static Optional<Path> findBinary() {
        return ServerProcesses.findExecutable("turnserver", "turnserver", WELL_KNOWN);
    }

    /** A port free on loopback for both TCP and UDP, as coturn's plain listener needs both. */
    private static int freePort() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int candidate = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate))) {
                    return candidate;
                } catch (IOException e) {
                    // the UDP port is taken: try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on loopback", e);
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP on loopback");
    }
}
