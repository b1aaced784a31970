package org.remotesupport.signaling.media;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.relay.RelayException;
import org.remotesupport.protocol.relay.RelayOffer;
import org.remotesupport.protocol.relay.UplinkReport;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.session.EndpointId;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.MessageSink;
import org.remotesupport.signaling.session.PendingOffer;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SessionLocks;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SessionService;
import org.remotesupport.signaling.session.SignalingException;
import org.remotesupport.signaling.session.SupportSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media negotiation between clients and the relay, which always makes the offers. {@link #join} and
 * {@link #answer} run on WebSocket threads and reply through the {@link MessageSink}; the events of
 * {@link #relayEvents()} arrive on relay threads and are handed, in arrival order, to the executor
 * given here, because sending to a slow client may block and relay threads must not. The service
 * owns that executor and shuts it down on {@link #close}.
 */
public final class MediaService implements AutoCloseable {

    /**
     * ICE restarts one endpoint may ask for per {@link #ICE_RESTART_WINDOW_MILLIS}: a page restarts at
     * most twice before its new path connects, so more is a client stuck in a loop, each restart of
     * which costs the relay new credentials and the peers a renegotiation.
     */
    static final int MAX_ICE_RESTARTS = 5;
    static final long ICE_RESTART_WINDOW_MILLIS = 10_000;
    // beyond this many endpoints remembered, the ones without a restart in the window are forgotten
    private static final int ICE_RESTART_TRACKED = 1024;

    private static final Logger log = LoggerFactory.getLogger(MediaService.class);

    private final SessionService sessions;
    private final SessionRegistry registry;
    private final SessionLocks locks;
    private final RelayControl relay;
    private final MessageSink sink;
    private final ExecutorService eventExecutor;
    private final RelayEvents events;
    private final UplinkJudge uplinks;
    private final Clock clock;
    /** Recent ICE restarts per endpoint id, for {@link #MAX_ICE_RESTARTS}. */
    private final Map<String, Deque<Long>> iceRestarts = new ConcurrentHashMap<>();

    /**
     * @param fallback when a customer's uplink counts as too poor for video, and good again
     * @param clock    times the relay's uplink reports for the fallback's waits
     */
    public MediaService(SessionService sessions, SessionRegistry registry, SessionLocks locks, RelayControl relay,
                        MessageSink sink, ExecutorService eventExecutor, FallbackProperties fallback, Clock clock) {
        this.uplinks = new UplinkJudge(fallback);
        this.clock = clock;
        this.sessions = sessions;
        this.registry = registry;
        this.locks = locks;
        this.relay = relay;
        this.sink = sink;
        this.eventExecutor = eventExecutor;
        this.events = new QueuedEvents(eventExecutor);
    }

    /** Stops delivering relay events. */
    @Override
    public void close() {
        eventExecutor.shutdownNow();
    }

    /** The listener to register with the relay. */
    public RelayEvents relayEvents() {
        return events;
    }

    /**
     * Allocates the caller's endpoint in one of its sessions and replies with the relay's first offer;
     * with {@code restart} an endpoint the caller holds already is released first.
     */
    public void join(Member caller, String replyTo, String requestedSessionId, boolean restart) {
        String sessionId = sessions.sessionIdFor(caller, requestedSessionId);
        locks.locked(sessionId, () -> {
            SupportSession session = member(sessionId, caller);
            EndpointId endpoint = session.endpointOf(caller.participantId());
            if (session.hasMedia(caller.participantId())) {
                if (!restart) {
                    throw new SignalingException(ErrorCode.MEDIA_ALREADY_JOINED, "media already joined in this session");
                }
                // a reloaded page has lost the old peer connection: its endpoint is of no use any more
                callRelay(() -> {
                    relay.release(endpoint.value());
                    return null;
                });
                registry.setMedia(sessionId, caller.participantId(), false);
            }
            RelayOffer offer = callRelay(() -> relay.allocate(sessionId, endpoint.value()));
            // a new peer connection starts with full video: the others must stop showing photos
            if (uplinks.forget(endpoint.value()) == UplinkJudge.Mode.SNAPSHOTS) {
                ServerMessage back = new ServerMessage.MediaFallback(null, sessionId, caller.participantId(),
                        UplinkJudge.Mode.VIDEO.wire(), "rejoined", 0, 0);
                session.members().forEach(m -> sink.send(m.participantId(), back));
            }
            registry.setMedia(sessionId, caller.participantId(), true);
            registry.setPendingOffer(sessionId, caller.participantId(), pending(offer));
            sink.send(caller.participantId(), new ServerMessage.MediaOffer(replyTo, sessionId, offer.revision(),
                    offer.sdp(), offer.uplink()));
        });
    }

    /**
     * Restarts ICE on the caller's endpoint (its network changed) and replies with the relay's new
     * offer, which replaces any outstanding one; the endpoint and its DTLS session stay.
     */
    public void restartIce(Member caller, String replyTo, String requestedSessionId) {
        String sessionId = sessions.sessionIdFor(caller, requestedSessionId);
        locks.locked(sessionId, () -> {
            SupportSession session = member(sessionId, caller);
            if (!session.hasMedia(caller.participantId())) {
                throw new SignalingException(ErrorCode.MEDIA_NOT_JOINED, "send media.join first");
            }
            EndpointId endpoint = session.endpointOf(caller.participantId());
            admitIceRestart(endpoint.value());
            RelayOffer offer = callRelay(() -> relay.restartIce(endpoint.value()));
            registry.setPendingOffer(sessionId, caller.participantId(), pending(offer));
            sink.send(caller.participantId(), new ServerMessage.MediaOffer(replyTo, sessionId, offer.revision(),
                    offer.sdp(), offer.uplink()));
        });
    }

    private void admitIceRestart(String endpointId) {
        long now = clock.millis();
        long horizon = now - ICE_RESTART_WINDOW_MILLIS;
        if (iceRestarts.size() > ICE_RESTART_TRACKED) {
            iceRestarts.values().removeIf(times -> {
                synchronized (times) {
                    return times.isEmpty() || times.peekLast() <= horizon;
                }
            });
        }
        Deque<Long> times = iceRestarts.computeIfAbsent(endpointId, id -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= horizon) {
                times.pollFirst();
            }
            if (times.size() >= MAX_ICE_RESTARTS) {
                throw new SignalingException(ErrorCode.RATE_LIMITED, "at most " + MAX_ICE_RESTARTS
                        + " ICE restarts in " + ICE_RESTART_WINDOW_MILLIS / 1000 + " s; wait a moment");
            }
            times.addLast(now);
        }
    }

    /** Hands the caller's SDP answer to the relay and replies {@code media.accepted}. */
    public void answer(Member caller, String replyTo, String requestedSessionId, int revision, String sdp) {
        String sessionId = sessions.sessionIdFor(caller, requestedSessionId);
        locks.locked(sessionId, () -> {
            SupportSession session = member(sessionId, caller);
            if (!session.hasMedia(caller.participantId())) {
                throw new SignalingException(ErrorCode.MEDIA_NOT_JOINED, "send media.join first");
            }
            if (session.member(caller.participantId()).map(m -> m.role().watchesOnly()).orElse(false)
                    && SendDirections.sendsMedia(sdp)) {
                throw new SignalingException(ErrorCode.FORBIDDEN,
                        "an observer receives media only: answer every m-line recvonly or inactive");
            }
            EndpointId endpoint = session.endpointOf(caller.participantId());
            callRelay(() -> {
                relay.answer(endpoint.value(), revision, sdp);
                return null;
            });
            registry.answered(sessionId, caller.participantId(), revision);
            sink.send(caller.participantId(), new ServerMessage.MediaAccepted(replyTo, revision, sessionId));
        });
    }

    private SupportSession member(String sessionId, Member caller) {
        return registry.find(sessionId)
                .filter(s -> s.has(caller.participantId()))
                .orElseThrow(SessionService::notInSession);
    }

    private static PendingOffer pending(RelayOffer offer) {
        return new PendingOffer(offer.revision(), offer.sdp(), offer.uplink());
    }

    private static <T> T callRelay(Supplier<T> call) {
        try {
            return call.get();
        } catch (RelayException e) {
            throw RelayErrors.toSignaling(e);
        } catch (RuntimeException e) {
            log.warn("relay call failed", e);
            throw new SignalingException(ErrorCode.MEDIA_UNAVAILABLE, "the media relay is not available");
        }
    }

    private void deliverOffer(String endpointId, RelayOffer offer) {
        EndpointId.parse(endpointId).ifPresentOrElse(endpoint -> locks.locked(endpoint.sessionId(), () ->
                registry.find(endpoint.sessionId())
                        .filter(s -> s.hasMedia(endpoint.participantId()))
                        .ifPresent(s -> {
                            // kept for a participant that is reconnecting: it gets the offer when it resumes
                            registry.setPendingOffer(s.sessionId(), endpoint.participantId(), pending(offer));
                            sink.send(endpoint.participantId(), new ServerMessage.MediaOffer(null,
                                    s.sessionId(), offer.revision(), offer.sdp(), offer.uplink()));
                        })),
                () -> log.debug("offer for unknown endpoint {}", endpointId));
    }

    private void deliverState(String endpointId, RelayEvents.EndpointState state) {
        EndpointId.parse(endpointId).ifPresent(endpoint -> locks.locked(endpoint.sessionId(), () ->
                registry.find(endpoint.sessionId())
                        .filter(s -> s.hasMedia(endpoint.participantId()))
                        .ifPresent(s -> {
                            ServerMessage message = new ServerMessage.MediaState(null, s.sessionId(),
                                    endpoint.participantId(), state.name().toLowerCase(Locale.ROOT));
                            s.members().forEach(m -> sink.send(m.participantId(), message));
                        })));
    }

    /**
     * Judges a customer's uplink from the relay's report and tells everyone in the session when it
     * falls back to photos or returns to video. Only the customer's camera matters here: the agent's
     * video is an extra that its own browser adapts.
     */
    private void deliverUplink(String endpointId, UplinkReport report) {
        log.debug("uplink of {}: {}", endpointId, report);
        EndpointId.parse(endpointId).ifPresent(endpoint -> locks.locked(endpoint.sessionId(), () ->
                registry.find(endpoint.sessionId())
                        .filter(s -> s.hasMedia(endpoint.participantId()))
                        .filter(s -> s.member(endpoint.participantId()).map(m -> m.role() == Role.CUSTOMER).orElse(false))
                        .ifPresent(s -> uplinks.report(endpointId, clock.millis(), report).ifPresent(decision -> {
                            log.info("session {}: {}'s uplink {} kbit/s, {} % loss: {} ({})", s.sessionId(),
                                    endpoint.participantId(), decision.uplinkKbps(), decision.lossPercent(),
                                    decision.mode().wire(), decision.reason());
                            ServerMessage message = new ServerMessage.MediaFallback(null, s.sessionId(),
                                    endpoint.participantId(), decision.mode().wire(), decision.reason(),
                                    decision.uplinkKbps(), decision.lossPercent());
                            s.members().forEach(m -> sink.send(m.participantId(), message));
                        }))));
    }

    /** Whether the server has switched this participant of the session to photos. */
    public boolean sendsPhotos(String sessionId, String participantId) {
        return uplinks.mode(new EndpointId(sessionId, participantId).value()) == UplinkJudge.Mode.SNAPSHOTS;
    }

    private final class QueuedEvents implements RelayEvents {

        private final Executor executor;

        QueuedEvents(Executor executor) {
            this.executor = executor;
        }

        @Override
        public void offer(String endpointId, RelayOffer offer) {
            submit(() -> deliverOffer(endpointId, offer));
        }

        @Override
        public void stateChanged(String endpointId, EndpointState state) {
            submit(() -> deliverState(endpointId, state));
        }

        @Override
        public void uplink(String endpointId, UplinkReport report) {
            submit(() -> deliverUplink(endpointId, report));
        }

        private void submit(Runnable task) {
            try {
                executor.execute(() -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.warn("relay event could not be delivered", e);
                    }
                });
            } catch (RejectedExecutionException e) {
                // only while shutting down, when nobody is left to tell
                log.debug("relay event dropped: executor stopped");
            }
        }
    }
}
