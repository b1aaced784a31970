package org.remotesupport.app.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ServerMessage;

/**
 * Keeps one {@link WebRtcPeer}'s media negotiated in one session: sends {@code media.join}, then
 * answers the relay's first {@code media.offer} and every re-offer the server pushes later, each
 * with {@code media.answer} for that revision, until closed. Offers are handled in arrival order on
 * the negotiation's own thread; the public methods may be called from any thread.
 */
public final class MediaNegotiation implements AutoCloseable {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private final SignalingClient signaling;
    private final WebRtcPeer peer;
    private final String sessionId;
    private final String joinId;
    private final BlockingQueue<ServerMessage> inbox;
    private final Thread thread;
    private final CountDownLatch firstAnswer = new CountDownLatch(1);
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Object revisionLock = new Object();
    private int acceptedRevision = -1;

    private MediaNegotiation(SignalingClient signaling, WebRtcPeer peer, String sessionId) {
        this.signaling = signaling;
        this.peer = peer;
        this.sessionId = sessionId;
        this.joinId = signaling.nextId();
        // subscribe before joining so that not even the first offer can slip past
        this.inbox = signaling.subscribe(m ->
                (m instanceof ServerMessage.MediaOffer offer && sessionId.equals(offer.sessionId()))
                        || (m instanceof ServerMessage.Error error && joinId.equals(error.replyTo())));
        this.thread = new Thread(this::run, peer.name() + "-media-negotiation");
        this.thread.setDaemon(true);
    }

    /**
     * Joins the session's media and waits until the first offer is answered and accepted.
     *
     * @throws AssertionError when the server refused the join or nothing was accepted within the timeout
     */
    public static MediaNegotiation start(SignalingClient signaling, WebRtcPeer peer, String sessionId,
                                         Duration timeout) throws InterruptedException {
        MediaNegotiation negotiation = new MediaNegotiation(signaling, peer, sessionId);
        negotiation.thread.start();
        signaling.send(new ClientMessage.MediaJoin(negotiation.joinId, sessionId));
        if (!negotiation.firstAnswer.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            negotiation.close();
            throw new AssertionError(peer.name() + ": no media offer answered within " + timeout);
        }
        if (!negotiation.failures.isEmpty()) {
            negotiation.close();
            AssertionError error = new AssertionError(peer.name() + ": media negotiation failed: "
                    + negotiation.failures.get(0).getMessage());
            negotiation.failures.forEach(error::addSuppressed);
            throw error;
        }
        return negotiation;
    }

    /**
     * Carries on negotiating for a peer whose endpoint exists already, on a new signaling connection
     * (the participant resumed): answers the offers the server pushes, without joining again.
     */
    public static MediaNegotiation resume(SignalingClient signaling, WebRtcPeer peer, String sessionId) {
        MediaNegotiation negotiation = new MediaNegotiation(signaling, peer, sessionId);
        negotiation.thread.start();
        return negotiation;
    }

    /** The highest offer revision whose answer the server accepted; -1 before the first. */
    public int acceptedRevision() {
        synchronized (revisionLock) {
            return acceptedRevision;
        }
    }

    /** Waits until an answer to at least this revision was accepted; false when the timeout passed first. */
    public boolean awaitAcceptedRevision(int revision, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (revisionLock) {
            long left;
            while (acceptedRevision < revision && (left = deadline - System.nanoTime()) > 0) {
                revisionLock.wait(Math.max(1, left / 1_000_000));
            }
            return acceptedRevision >= revision;
        }
    }

    /** Everything that went wrong while negotiating (refused joins or answers, offers the peer could not apply). */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Stops answering offers; the peer itself stays open. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            // an offer being applied finishes first: libwebrtc calls are not interruptible
            thread.join(REPLY_TIMEOUT.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                ServerMessage message = inbox.take();
                if (message instanceof ServerMessage.Error error) {
                    failures.add(new SignalingRefusal(error));
                    firstAnswer.countDown();
                } else if (message instanceof ServerMessage.MediaOffer offer) {
                    answer(offer);
                    firstAnswer.countDown();
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void answer(ServerMessage.MediaOffer offer) {
        try {
            String sdp = peer.applyOffer(offer.sdp(), offer.uplink());
            ServerMessage.MediaAccepted accepted = signaling.request(
                    new ClientMessage.MediaAnswer(signaling.nextId(), offer.revision(), sdp, sessionId),
                    ServerMessage.MediaAccepted.class, REPLY_TIMEOUT);
            synchronized (revisionLock) {
                acceptedRevision = Math.max(acceptedRevision, accepted.revision());
                revisionLock.notifyAll();
            }
        } catch (RuntimeException | AssertionError e) {
            failures.add(new IllegalStateException(peer.name() + ": offer revision " + offer.revision()
                    + " not negotiated: " + e.getMessage(), e));
        }
    }
}
