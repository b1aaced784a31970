package org.remotesupport.media.dtls;

import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * Runs DTLS handshakes off the packet event loop. BouncyCastle's DTLS API is blocking, so each
 * handshake occupies one thread of a small pool for a few round trips; the event loop only queues
 * records. Owns the relay's certificate and TLS crypto. Thread-safe.
 */
public final class DtlsHandshakes implements AutoCloseable {

    private final DtlsCertificate certificate;
    private final JcaTlsCrypto crypto;
    private final ExecutorService executor;
    private final int handshakeTimeoutMillis;

    public DtlsHandshakes(DtlsCertificate certificate, SecureRandom random, int threads, int handshakeTimeoutMillis) {
        this.certificate = certificate;
        this.crypto = new JcaTlsCryptoProvider().create(random);
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "relay-dtls-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    public DtlsCertificate certificate() {
        return certificate;
    }

    /**
     * A new server-side DTLS session for one endpoint; {@code remoteFingerprint} is the SHA-256
     * digest from the client's SDP answer, {@code sender} writes records towards the client.
     */
    public DtlsSession newSession(byte[] remoteFingerprint, DtlsSession.RecordSender sender, DtlsSession.Listener listener) {
        return new DtlsSession(this, remoteFingerprint, sender, listener);
    }

    DtlsSrtpServer newServer(byte[] remoteFingerprint) {
        return new DtlsSrtpServer(crypto, certificate, remoteFingerprint, handshakeTimeoutMillis);
    }

    ExecutorService executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
