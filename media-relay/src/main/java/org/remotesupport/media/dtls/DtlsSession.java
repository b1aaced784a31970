package org.remotesupport.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.remotesupport.media.srtp.SrtpKeys;

/**
 * The DTLS server of one endpoint. The event loop hands it each DTLS record from the client with
 * {@link #offer}; the first record starts the handshake on a DTLS thread; the listener hears once
 * of the exported SRTP keys or of the failure. Records after the handshake (a retransmitted
 * Finished, an alert) are processed on the DTLS pool too.
 */
public final class DtlsSession {

    /** Sends one DTLS record to the client; called on DTLS threads. */
    @FunctionalInterface
    public interface RecordSender {
        void send(byte[] record, int offset, int length);
    }

    /** Hears the outcome of the handshake, on a DTLS thread. */
    public interface Listener {
        void handshakeComplete(SrtpKeys keys);

        void handshakeFailed(Exception cause);
    }

    // A DTLS flight is a handful of records; more queued than this means a flood, not a handshake.
    private static final int QUEUE_LIMIT = 64;
    private static final int MTU = 1200;

    private final DtlsHandshakes owner;
    private final byte[] remoteFingerprint;
    private final RecordSender sender;
    private final Listener listener;
    private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(QUEUE_LIMIT);
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;
    private volatile DTLSTransport transport;

    DtlsSession(DtlsHandshakes owner, byte[] remoteFingerprint, RecordSender sender, Listener listener) {
        this.owner = owner;
        this.remoteFingerprint = remoteFingerprint.clone();
        this.sender = sender;
        this.listener = listener;
    }

    /** Queues a record from the client; false when it had to be dropped (queue full or closed). */
    public boolean offer(byte[] record) {
        if (closed || !inbound.offer(record)) {
            return false;
        }
        if (started.compareAndSet(false, true)) {
            owner.executor().execute(this::handshake);
        } else if (transport != null) {
            owner.executor().execute(this::drainAfterHandshake);
        }
        return true;
    }

    /** Whether the client's first record arrived and the handshake began. */
    public boolean handshakeStarted() {
        return started.get();
    }

    /** Stops the session; a running handshake ends with a failure. */
    public void close() {
        closed = true;
        DTLSTransport current = transport;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // the client may already be gone; nothing to tell it
            }
        }
    }

    private void handshake() {
        DtlsSrtpServer server = owner.newServer(remoteFingerprint);
        DTLSServerProtocol protocol = new DTLSServerProtocol();
        // ICE already proved that the client owns its address, so the cookie exchange would only add a round trip.
        protocol.setVerifyRequests(false);
        try {
            transport = protocol.accept(server, new QueueTransport());
            listener.handshakeComplete(server.keys());
            drainAfterHandshake();
        } catch (Exception e) {
            closed = true;
            listener.handshakeFailed(e);
        }
    }

    private synchronized void drainAfterHandshake() {
        DTLSTransport current = transport;
        if (current == null || closed) {
            return;
        }
        byte[] scratch = new byte[MTU + 100];
        try {
            while (!inbound.isEmpty()) {
                // Application data is not used on this association; receive() drives retransmissions and alerts.
                current.receive(scratch, 0, scratch.length, 1);
            }
        } catch (IOException e) {
            closed = true;
        }
    }

    /** Adapts the queue fed by the event loop and the record sender to BouncyCastle's blocking transport. */
    private final class QueueTransport implements DatagramTransport {

        @Override
        public int getReceiveLimit() {
            return 1500;
        }

        @Override
        public int getSendLimit() {
            return MTU;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            if (closed) {
                throw new IOException("DTLS session closed");
            }
            byte[] record;
            try {
                record = waitMillis <= 0 ? inbound.poll() : inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for DTLS");
            }
            if (record == null) {
                if (closed) {
                    throw new SocketTimeoutException("DTLS session closed");
                }
                return -1;
            }
            int n = Math.min(len, record.length);
            System.arraycopy(record, 0, buf, off, n);
            return n;
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            if (!closed) {
                sender.send(buf, off, len);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
