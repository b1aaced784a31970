package org.remotesupport.signaling.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a participant alive across WebSocket connections. {@code hello} stores the participant with
 * a fresh resume token; a connection that drops leaves it resumable for the grace period; a new
 * connection that presents the token takes its place (and gets a new token: each one works once); a
 * participant whose grace ran out, or whose connection closed normally, is gone and every
 * {@link ParticipantListener} hears of it. Methods are called on WebSocket threads; the grace sweep
 * runs on the scheduler given here, which this service shuts down on {@link #close}.
 */
public final class ParticipantService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ParticipantService.class);
    private static final int TOKEN_BYTES = 32;

    private final ParticipantStore store;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration grace;
    private final ScheduledExecutorService scheduler;
    private final Duration sweepInterval;
    private final List<ParticipantListener> listeners = new CopyOnWriteArrayList<>();

    public ParticipantService(ParticipantStore store, Clock clock, RandomGenerator random, Duration grace,
                              ScheduledExecutorService scheduler, Duration sweepInterval) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.grace = grace;
        this.scheduler = scheduler;
        this.sweepInterval = sweepInterval;
    }

    /** What a successful resume hands the new connection. */
    public record Resumed(Member member, String resumeToken, String supersededConnectionId) {
    }

    /** Registers a listener; listeners are called in registration order. */
    public void addListener(ParticipantListener listener) {
        listeners.add(listener);
    }

    /** How long a dropped participant may resume. */
    public Duration grace() {
        return grace;
    }

    /** Starts the periodic grace sweep. */
    public void start() {
        long period = sweepInterval.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                // a periodic task that throws is never run again
                log.warn("participant sweep failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** Stores a participant that completed {@code hello} on this connection; returns its resume token. */
    public String greeted(Member member, String connectionId) {
        String token = newToken();
        store.put(ParticipantRecord.connected(member, hash(member.subject(), token), connectionId));
        return token;
    }

    /**
     * Hands a dropped (or still connected) participant to this connection. The caller moves the
     * connection to the participant's id, then calls {@link #announceResumed}.
     *
     * @param subject who the connection's access token says the caller is: only the same person can
     *                take the participant's place, whoever else holds the resume token
     * @throws SignalingException {@code resume_failed} if the token is unknown, used up or expired, or
     *         was the participant of someone else
     */
    public Resumed resume(String token, String connectionId, String subject) {
        String newToken = newToken();
        ParticipantRecord before = store.resume(hash(subject, token), connectionId, hash(subject, newToken),
                        clock.instant())
                .orElseThrow(() -> new SignalingException(ErrorCode.RESUME_FAILED,
                        "this connection can no longer be resumed; start again"));
        log.info("participant {} resumed", before.participantId());
        return new Resumed(before.member(), newToken, before.connectionId());
    }

    /** Tells the listeners that a participant came back, once its new connection receives its messages. */
    public void announceResumed(Member member) {
        listeners.forEach(l -> notify(() -> l.resumed(member)));
    }

    /**
     * A connection closed. Closed normally by the client, the participant is gone now; otherwise it
     * may resume within the grace period. A connection that another one superseded changes nothing.
     */
    public void closed(Member member, String connectionId, boolean normally) {
        Instant now = clock.instant();
        if (normally) {
            // a grace that is already over lets exactly this connection remove the record
            if (store.disconnect(member.participantId(), connectionId, now, now).isPresent()
                    && store.removeIfExpired(member.participantId(), now).isPresent()) {
                listeners.forEach(l -> notify(() -> l.departed(member, false)));
            }
            return;
        }
        if (store.disconnect(member.participantId(), connectionId, now, now.plus(grace)).isPresent()) {
            log.info("participant {} dropped; may resume for {}", member.participantId(), grace);
            listeners.forEach(l -> notify(() -> l.dropped(member)));
        }
    }

    /** Ends the participants whose grace ran out; of several nodes sweeping, one ends each. */
    public void sweep() {
        Instant now = clock.instant();
        for (ParticipantRecord expired : store.expired(now)) {
            store.removeIfExpired(expired.participantId(), now).ifPresent(record -> {
                log.info("participant {} did not resume within {}", record.participantId(), grace);
                listeners.forEach(l -> notify(() -> l.departed(record.member(), true)));
            });
        }
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // one listener's failure must not keep the others uninformed
            log.warn("participant listener failed", e);
        }
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Whether {@code token} is the participant's current resume token (other services, such as the
     * annotation channel, admit a participant by it). Constant time in the token's content.
     */
    public static boolean holdsToken(ParticipantRecord record, String token) {
        byte[] expected = record.resumeTokenHash().getBytes(StandardCharsets.US_ASCII);
        byte[] offered = hash(record.member().subject(), token).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, offered);
    }

    /**
     * The store keeps only this hash, so a copy of the store does not let anyone resume; it covers the
     * subject too, so a resume token is worth nothing in another person's hands.
     */
    static String hash(String subject, String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((subject + "\n" + token).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
