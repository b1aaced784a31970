package org.remotesupport.media.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.jitsi.srtp.SrtpErrorStatus;
import org.remotesupport.media.BandwidthEstimate;
import org.remotesupport.media.DropReason;
import org.remotesupport.media.cc.ArrivalRecorder;
import org.remotesupport.media.cc.RateEstimator;
import org.remotesupport.media.cc.Remb;
import org.remotesupport.media.cc.TransportFeedback;
import org.remotesupport.media.dtls.DtlsHandshakes;
import org.remotesupport.media.dtls.DtlsSession;
import org.remotesupport.media.ice.IceCredentials;
import org.remotesupport.media.ice.IceLiteResponder;
import org.remotesupport.media.record.RecordingConfig;
import org.remotesupport.media.record.RecordingCounters;
import org.remotesupport.media.record.SessionRecorder;
import org.remotesupport.media.rtp.Rtcp;
import org.remotesupport.media.rtp.Rtp;
import org.remotesupport.media.rtp.RtpExtensions;
import org.remotesupport.media.rtp.VideoPayload;
import org.remotesupport.media.sdp.Codec;
import org.remotesupport.media.sdp.Direction;
import org.remotesupport.media.sdp.MediaKind;
import org.remotesupport.media.sdp.OfferLine;
import org.remotesupport.media.sdp.OfferWriter;
import org.remotesupport.media.sdp.SdpAnswer;
import org.remotesupport.media.srtp.PacketBuffer;
import org.remotesupport.media.srtp.SrtpKeys;
import org.remotesupport.media.srtp.SrtpTransformer;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.relay.RelayException;
import org.remotesupport.protocol.relay.RelayOffer;
import org.remotesupport.protocol.relay.RelayRecording;
import org.remotesupport.protocol.relay.UplinkReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarding unit without its socket: takes datagrams from the relay port, answers ICE
 * checks, feeds DTLS handshakes, decrypts SRTP/SRTCP and re-encrypts it for every subscriber of the
 * same session, routes keyframe requests to publishers, answers NACKs from its cache and sends
 * receiver reports, transport-cc feedback and REMB; estimates each subscriber's downlink from its
 * transport-cc feedback, and gives each subscriber one layer of a simulcast publisher's video (or
 * holds back a single stream its link cannot carry) through a {@link LayerForwarder} per subscriber
 * and video; moves an endpoint to a client's new address after an ICE restart; and, on the control
 * side, allocates endpoints, restarts their ICE and writes and applies offers and answers.
 * {@link #onDatagram} and {@link #tick} run on the event loop; control methods on any
 * thread, serialised by a lock; events go out on the thread that caused them.
 */
public final class RelayCore {

    private static final Logger LOG = LoggerFactory.getLogger(RelayCore.class);
    private static final int MAX_ID_LENGTH = 128;
    private static final int MAX_ENDPOINTS_PER_SESSION = 16;
    static final String UPLINK_AUDIO_MID = "0";
    static final String UPLINK_VIDEO_MID = "1";
    /** The simulcast layers the relay offers to receive on the uplink video line, lowest first. */
    static final List<String> SIMULCAST_RIDS = List.of("q", "h", "f");
    // a switch whose keyframe has not come is asked for again after this long
    private static final long KEYFRAME_RETRY_NANOS = 1_000_000_000L;
    // the share of a limiting downlink estimate that retransmissions may take
    private static final double RESEND_SHARE = 0.3;

    private final DtlsHandshakes dtls;
    private final IceLiteResponder ice;
    private final RelayCounters counters;
    private final PacketOutput output;
    private final Executor eventLoop;
    private final LongSupplier nanoClock;
    private final SecureRandom random;
    private final List<OfferWriter.Candidate> candidates;
    private final InetSocketAddress localAddress;
    private final long consentTimeoutNanos;

    private final Object controlLock = new Object();
    private final Map<String, RelaySession> sessions = new HashMap<>();
    private final Map<String, Endpoint> endpointsById = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> endpointsByUfrag = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, Endpoint> endpointsByAddress = new ConcurrentHashMap<>();
    private volatile RelayEvents events = RelayEvents.NONE;
    private volatile RecordingConfig recording;
    private volatile RecordingCounters recordingCounters;
    private volatile List<String> simulcastRids = SIMULCAST_RIDS;

    // event loop scratch: one packet is in flight at a time, so these are reused for every packet
    private final PacketBuffer inView = new PacketBuffer();
    private final PacketBuffer outView = new PacketBuffer();
    private final byte[] rtcpScratch = new byte[1500];
    private final long[] rembSsrcs = new long[8];
    private final int[] missingScratch = new int[256];
    private byte[] forwardScratch = new byte[1500];
    private final long[] layerRates = new long[SdpAnswer.MAX_LAYERS];
    // REMB: a fresh cap goes out at once when it falls this much, otherwise once a second
    private static final long REMB_INTERVAL_NANOS = 1_000_000_000L;
    private static final double REMB_DROP_TO_SEND = 0.9;
    private static final long REMB_LIFT_NANOS = 3_000_000_000L;
    /**
     * How long checks with the credentials an ICE restart replaced are still answered after the
     * client's answer: long enough for checks already sent on the old path (browsers retransmit for
     * a few seconds) and short, since the old credentials are no longer in any offer.
     */
    static final long PREVIOUS_CREDENTIALS_GRACE_NANOS = 5_000_000_000L;

    /**
     * @param candidates   host candidates written into offers
     * @param localAddress the bound address of the port, reported in STUN responses' checks
     * @param eventLoop    runs tasks on the thread that calls {@link #onDatagram}
     * @param nanoClock    monotonic time in nanoseconds
     */
    public RelayCore(DtlsHandshakes dtls, RelayCounters counters, PacketOutput output, Executor eventLoop,
                     LongSupplier nanoClock, SecureRandom random, List<OfferWriter.Candidate> candidates,
                     InetSocketAddress localAddress, long consentTimeoutNanos) {
        this.dtls = dtls;
        this.counters = counters;
        this.output = output;
        this.eventLoop = eventLoop;
        this.nanoClock = nanoClock;
        this.random = random;
        this.candidates = List.copyOf(candidates);
        this.localAddress = localAddress;
        this.consentTimeoutNanos = consentTimeoutNanos;
        this.ice = new IceLiteResponder(ufrag -> {
            Endpoint endpoint = endpointsByUfrag.get(ufrag);
            IceCredentials credentials = endpoint == null ? null : endpoint.credentials(ufrag, nanoClock.getAsLong());
            return credentials == null ? null : credentials.password();
        });
    }

    public void setEvents(RelayEvents events) {
        this.events = events == null ? RelayEvents.NONE : events;
    }

    /** Whether uplink video lines offer simulcast layers (the default); call before any control call. */
    public void offerSimulcast(boolean simulcast) {
        this.simulcastRids = simulcast ? SIMULCAST_RIDS : List.of();
    }

    /** Lets this relay record sessions into {@code config}'s directory; call before any control call. */
    public void enableRecording(RecordingConfig config, RecordingCounters counters) {
        this.recordingCounters = counters;
        this.recording = config;
    }

    /** The client address the endpoint sends and receives media on, or null; for tests. */
    InetSocketAddress addressOf(String endpointId) {
        Endpoint endpoint = endpointsById.get(endpointId);
        return endpoint == null ? null : endpoint.address;
    }

    public int endpointCount() {
        return endpointsById.size();
    }

    // ---------------------------------------------------------------- control plane

    public RelayOffer allocate(String sessionId, String endpointId) {
        checkId("session id", sessionId);
        checkId("endpoint id", endpointId);
        synchronized (controlLock) {
            if (endpointsById.containsKey(endpointId)) {
                throw new RelayException(RelayException.Reason.ENDPOINT_EXISTS, "endpoint " + endpointId + " exists");
            }
            RelaySession session = sessions.computeIfAbsent(sessionId, RelaySession::new);
            if (session.endpoints().length >= MAX_ENDPOINTS_PER_SESSION) {
                throw new RelayException(RelayException.Reason.CAPACITY, "session " + sessionId + " is full");
            }
            IceCredentials credentials;
            do {
                credentials = IceCredentials.random(random);
            } while (endpointsByUfrag.containsKey(credentials.ufrag()));
            Endpoint endpoint = new Endpoint(endpointId, session, credentials, random.nextLong() & Long.MAX_VALUE,
                    random.nextInt() & 0xffffffffL);
            endpoint.lines = List.of(
                    new OfferLine(UPLINK_AUDIO_MID, MediaKind.AUDIO, Direction.RECVONLY, Codec.of(MediaKind.AUDIO), null),
                    new OfferLine(UPLINK_VIDEO_MID, MediaKind.VIDEO, Direction.RECVONLY, Codec.of(MediaKind.VIDEO), null,
                            simulcastRids));
            session.add(endpoint);
            endpointsById.put(endpointId, endpoint);
            counters.addEndpoint(endpoint);
            endpointsByUfrag.put(credentials.ufrag(), endpoint);
            return nextOffer(endpoint);
        }
    }

    /**
     * Starts an ICE restart for an endpoint whose client changed networks: returns an offer with new
     * ICE credentials (and otherwise the same lines) that supersedes any outstanding one. The DTLS
     * session and SRTP keys are kept; the endpoint moves to the client's new address on its first
     * nominated check with the new credentials. Checks with the old credentials are answered until
     * {@link #PREVIOUS_CREDENTIALS_GRACE_NANOS} after the client's answer, so the old path keeps
     * working while the new one is checked, but they never move the endpoint.
     */
    public RelayOffer restartIce(String endpointId) {
        synchronized (controlLock) {
            Endpoint endpoint = endpointsById.get(endpointId);
            if (endpoint == null) {
                throw new RelayException(RelayException.Reason.UNKNOWN_ENDPOINT, "no endpoint " + endpointId);
            }
            IceCredentials credentials;
            do {
                credentials = IceCredentials.random(random);
            } while (endpointsByUfrag.containsKey(credentials.ufrag()));
            IceCredentials older = endpoint.previousIce;
            if (older != null) {
                // a second restart before the first one's grace ended: the oldest credentials go now
                endpointsByUfrag.remove(older.ufrag(), endpoint);
            }
            endpoint.previousRemoteUfrag = endpoint.remoteUfrag;
            endpoint.previousIceUntilNanos = Long.MAX_VALUE;
            endpoint.previousIce = endpoint.ice;
            endpointsByUfrag.put(credentials.ufrag(), endpoint);
            endpoint.remoteUfrag = null;
            endpoint.ice = credentials;
            endpoint.iceRestarts++;
            counters.iceRestarted();
            LOG.info("endpoint {}: ICE restart {}", endpoint.id, endpoint.iceRestarts);
            // an outstanding offer is replaced: its answer would name credentials the relay no longer offers
            endpoint.awaitingAnswer = false;
            endpoint.reofferPending = false;
            return nextOffer(endpoint);
        }
    }

    public void answer(String endpointId, int revision, String sdp) {
        List<Endpoint> reoffer = new ArrayList<>();
        RelayOffer ownReoffer = null;
        Endpoint endpoint;
        synchronized (controlLock) {
            endpoint = endpointsById.get(endpointId);
            if (endpoint == null) {
                throw new RelayException(RelayException.Reason.UNKNOWN_ENDPOINT, "no endpoint " + endpointId);
            }
            if (!endpoint.awaitingAnswer || revision != endpoint.revision) {
                throw new RelayException(RelayException.Reason.STALE_REVISION,
                        "offer " + revision + " is not the outstanding offer of " + endpointId);
            }
            SdpAnswer answer;
            try {
                answer = SdpAnswer.parse(sdp);
            } catch (SdpAnswer.SdpException e) {
                throw new RelayException(RelayException.Reason.INVALID_SDP, e.getMessage());
            }
            checkAnswerMatchesOffer(endpoint, answer);
            boolean publishedChanged = applyAnswer(endpoint, answer);
            endpoint.awaitingAnswer = false;
            if (endpoint.reofferPending) {
                endpoint.reofferPending = false;
                ownReoffer = nextOffer(endpoint);
            }
            if (publishedChanged) {
                endpoint.session.rebuildTracks();
                for (Endpoint other : endpoint.session.endpoints()) {
                    if (other != endpoint) {
                        if (other.awaitingAnswer) {
                            other.reofferPending = true;
                        } else {
                            reoffer.add(other);
                        }
                    }
                }
            }
        }
        if (ownReoffer != null) {
            events.offer(endpoint.id, ownReoffer);
        }
        sendReoffers(reoffer);
    }

    public void release(String endpointId) {
        List<Endpoint> reoffer = new ArrayList<>();
        synchronized (controlLock) {
            Endpoint endpoint = endpointsById.remove(endpointId);
            if (endpoint == null) {
                return;
            }
            endpointsByUfrag.remove(endpoint.ice.ufrag());
            IceCredentials previous = endpoint.previousIce;
            if (previous != null) {
                endpointsByUfrag.remove(previous.ufrag(), endpoint);
            }
            counters.removeEndpoint(endpoint);
            InetSocketAddress address = endpoint.address;
            if (address != null) {
                endpointsByAddress.remove(address, endpoint);
            }
            RelaySession session = endpoint.session;
            session.remove(endpoint);
            // a recorded session stays until its recording is stopped: the stop returns what was written
            if (session.isEmpty() && session.recorder == null) {
                sessions.remove(session.id);
            } else if (endpoint.published().length > 0) {
                for (Endpoint other : session.endpoints()) {
                    if (other.awaitingAnswer) {
                        other.reofferPending = true;
                    } else {
                        reoffer.add(other);
                    }
                }
            }
            DtlsSession dtlsSession = endpoint.dtls;
            if (dtlsSession != null) {
                dtlsSession.close();
            }
            // the event loop may be mid-packet with this endpoint's keys: close them there
            eventLoop.execute(() -> {
                SrtpTransformer srtp = endpoint.srtp;
                endpoint.srtp = null;
                if (srtp != null) {
                    srtp.close();
                }
            });
        }
        sendReoffers(reoffer);
    }

    private static final java.util.regex.Pattern RECORDING_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    // time the recording thread gets to write what is queued when a recording stops
    private static final long RECORDING_STOP_WAIT_MILLIS = 5_000;

    public void startRecording(String sessionId, String recordingId, String videoEndpointId) {
        checkId("session id", sessionId);
        if (recordingId == null || !RECORDING_ID.matcher(recordingId).matches()) {
            throw new IllegalArgumentException("recording id must be 1-64 letters, digits, '-' or '_'");
        }
        RecordingConfig config = recording;
        if (config == null) {
            throw new RelayException(RelayException.Reason.RECORDING_UNAVAILABLE, "this relay does not record");
        }
        synchronized (controlLock) {
            RelaySession session = sessions.computeIfAbsent(sessionId, RelaySession::new);
            if (session.recorder != null) {
                throw new RelayException(RelayException.Reason.RECORDING_UNAVAILABLE,
                        "session " + sessionId + " is already being recorded");
            }
            SessionRecorder recorder;
            try {
                recorder = new SessionRecorder(recordingId, config.directory().resolve(recordingId + ".webm"),
                        videoEndpointId, config.queueCapacity(),
                        ssrc -> eventLoop.execute(() -> requestKeyframeForRecording(session, ssrc)),
                        recordingCounters, nanoClock, config.forceEachCluster());
            } catch (java.io.IOException e) {
                if (session.isEmpty()) {
                    sessions.remove(sessionId);
                }
                throw new RelayException(RelayException.Reason.RECORDING_UNAVAILABLE,
                        "cannot create the recording file: " + e.getMessage());
            }
            for (Endpoint endpoint : session.endpoints()) {
                for (PublishedTrack track : endpoint.published()) {
                    if (track.group != null) {
                        continue; // a simulcast group is recorded as one stream
                    }
                    recorder.expectTrack(endpoint.id, track.ssrc, track.kind == MediaKind.VIDEO,
                            track.codec == Codec.VP8 || track.codec == Codec.OPUS);
                }
            }
            recorder.start();
            session.recorder = recorder;
        }
    }

    public RelayRecording stopRecording(String sessionId) {
        SessionRecorder recorder;
        synchronized (controlLock) {
            RelaySession session = sessions.get(sessionId);
            if (session == null || session.recorder == null) {
                return null;
            }
            recorder = session.recorder;
            session.recorder = null;
            if (session.isEmpty()) {
                sessions.remove(sessionId);
            }
        }
        return recorder.stop(RECORDING_STOP_WAIT_MILLIS);
    }

    /** Stops every recording (the relay is closing): their files are finished rather than cut. */
    public void stopAllRecordings() {
        List<String> recorded;
        synchronized (controlLock) {
            recorded = sessions.values().stream().filter(s -> s.recorder != null).map(s -> s.id).toList();
        }
        for (String sessionId : recorded) {
            stopRecording(sessionId);
        }
    }

    /** Sends a PLI for a recorded video track to its publisher. On the event loop. */
    private void requestKeyframeForRecording(RelaySession session, long ssrc) {
        try {
            PublishedTrack track = session.track(ssrc);
            if (track == null || track.kind != MediaKind.VIDEO) {
                return;
            }
            if (track.isGroup()) {
                LayerForwarder forwarder = track.recordingForwarder;
                int layer = forwarder == null ? LayerForwarder.NONE
                        : forwarder.target() != LayerForwarder.NONE ? forwarder.target() : forwarder.current();
                track = layer == LayerForwarder.NONE ? null : track.layers()[layer];
            }
            if (track != null && sendKeyframeRequest(track, false, nanoClock.getAsLong())) {
                output.flush();
            }
        } catch (Exception e) {
            LOG.warn("keyframe request for a recording of session {} failed: {}", session.id, e.toString());
        }
    }

    private void sendReoffers(List<Endpoint> endpoints) {
        for (Endpoint other : endpoints) {
            RelayOffer offer;
            synchronized (controlLock) {
                if (!endpointsById.containsKey(other.id) || other.awaitingAnswer) {
                    other.reofferPending = other.awaitingAnswer;
                    continue;
                }
                offer = nextOffer(other);
            }
            events.offer(other.id, offer);
        }
    }

    /** Builds the endpoint's next offer from the tracks now published in its session. Under the control lock. */
    private RelayOffer nextOffer(Endpoint endpoint) {
        List<OfferLine> lines = new ArrayList<>();
        List<PublishedTrack> toPlace = new ArrayList<>();
        for (Endpoint other : endpoint.session.endpoints()) {
            if (other != endpoint) {
                for (PublishedTrack track : other.published()) {
                    if (track.group == null) {
                        toPlace.add(track); // a simulcast layer reaches subscribers through its group
                    }
                }
            }
        }
        for (OfferLine line : endpoint.lines) {
            if (line.track() == null && (line.mid().equals(UPLINK_AUDIO_MID) || line.mid().equals(UPLINK_VIDEO_MID))) {
                lines.add(line);
                continue;
            }
            PublishedTrack still = line.track() == null ? null
                    : toPlace.stream().filter(t -> t.ssrc == line.track().ssrc()).findFirst().orElse(null);
            if (still != null) {
                toPlace.remove(still);
                lines.add(line);
            } else {
                // the track ended: the m-line stays (m-lines are never removed) but carries nothing
                lines.add(new OfferLine(line.mid(), line.kind(), Direction.INACTIVE, line.codecs(), null));
            }
        }
        for (PublishedTrack track : toPlace) {
            String streamId = track.publisher.id;
            lines.add(new OfferLine(String.valueOf(endpoint.nextMid++), track.kind, Direction.SENDONLY,
                    List.of(track.codec),
                    new OfferLine.ForwardedTrack(track.ssrc, streamId, track.trackId(), streamId)));
        }
        endpoint.lines = List.copyOf(lines);
        endpoint.revision++;
        endpoint.awaitingAnswer = true;
        String sdp = OfferWriter.write(endpoint.sdpSessionId, endpoint.revision, endpoint.ice.ufrag(),
                endpoint.ice.password(), dtls.certificate().fingerprint(), candidates, endpoint.lines);
        return new RelayOffer(endpoint.id, endpoint.revision, sdp,
                Map.of("audio", UPLINK_AUDIO_MID, "video", UPLINK_VIDEO_MID));
    }

    private static void checkAnswerMatchesOffer(Endpoint endpoint, SdpAnswer answer) {
        List<OfferLine> offered = endpoint.lines;
        if (answer.lines().size() != offered.size()) {
            throw new RelayException(RelayException.Reason.INVALID_SDP,
                    "answer has " + answer.lines().size() + " m-lines, the offer " + offered.size());
        }
        for (int i = 0; i < offered.size(); i++) {
            if (!offered.get(i).mid().equals(answer.lines().get(i).mid())) {
                throw new RelayException(RelayException.Reason.INVALID_SDP, "m-line " + i + " has mid "
                        + answer.lines().get(i).mid() + ", the offer " + offered.get(i).mid());
            }
        }
        if (answer.setup() != null && !answer.setup().equals("active")) {
            throw new RelayException(RelayException.Reason.INVALID_SDP,
                    "the relay is the DTLS server: answer with a=setup:active");
        }
        if (endpoint.remoteFingerprint != null && !java.util.Arrays.equals(endpoint.remoteFingerprint, answer.sha256Fingerprint())) {
            throw new RelayException(RelayException.Reason.INVALID_SDP, "the DTLS fingerprint changed");
        }
    }

    /** Takes the answer's transport and tracks; returns whether the set of published tracks changed. */
    private boolean applyAnswer(Endpoint endpoint, SdpAnswer answer) {
        endpoint.remoteUfrag = answer.iceUfrag();
        if (endpoint.previousIce != null && endpoint.previousIceUntilNanos == Long.MAX_VALUE) {
            long until = nanoClock.getAsLong() + PREVIOUS_CREDENTIALS_GRACE_NANOS;
            endpoint.previousIceUntilNanos = until == Long.MAX_VALUE ? until - 1 : until;
        }
        endpoint.transportCcExtension = answer.transportCcExtension() <= 14 ? answer.transportCcExtension() : 0;
        endpoint.wantsTransportCc = answer.transportCcFeedback() && endpoint.transportCcExtension > 0;
        endpoint.acceptsRemb = answer.rembFeedback();
        endpoint.streamIdExtension = answer.streamIdExtension() <= 14 ? answer.streamIdExtension() : 0;
        if (endpoint.remoteFingerprint == null) {
            endpoint.remoteFingerprint = answer.sha256Fingerprint();
            startDtls(endpoint);
        }
        synchronized (endpoint) { // serialised with layers the event loop learns
            return applyTracks(endpoint, answer);
        }
    }

    private boolean applyTracks(Endpoint endpoint, SdpAnswer answer) {
        List<PublishedTrack> published = new ArrayList<>();
        List<Long> receiving = new ArrayList<>();
        for (int i = 0; i < answer.lines().size(); i++) {
            SdpAnswer.Line answered = answer.lines().get(i);
            OfferLine offered = endpoint.lines.get(i);
            if (answered.rejected() || answered.kind() != offered.kind()) {
                continue;
            }
            if (offered.track() == null && offered.direction() == Direction.RECVONLY) {
                boolean simulcast = !answered.sendRids().isEmpty() && offered.kind() == MediaKind.VIDEO
                        && endpoint.streamIdExtension > 0;
                if (answered.direction().sends() && (simulcast || !answered.ssrcs().isEmpty())
                        && !answered.payloadTypes().isEmpty()) {
                    Codec codec = Codec.byPayloadType(answered.payloadTypes().get(0));
                    if (codec == null || codec.kind() != offered.kind()) {
                        throw new RelayException(RelayException.Reason.INVALID_SDP,
                                "m-line " + answered.mid() + " chose a codec the relay did not offer");
                    }
                    if (!offered.simulcastRids().containsAll(answered.sendRids())) {
                        throw new RelayException(RelayException.Reason.INVALID_SDP,
                                "m-line " + answered.mid() + " sends simulcast layers the relay did not offer");
                    }
                    if (simulcast) {
                        // the relay's offer lists the rids lowest first; keep that order whatever the answer's
                        List<String> rids = offered.simulcastRids().stream().filter(answered.sendRids()::contains).toList();
                        PublishedTrack group = java.util.Arrays.stream(endpoint.published())
                                .filter(t -> t.isGroup() && t.rids.equals(rids) && t.codec == codec)
                                .findFirst().orElse(null);
                        if (group == null) {
                            group = PublishedTrack.simulcastGroup(endpoint, random.nextInt() & 0xffffffffL, codec, rids);
                        } else {
                            for (PublishedTrack layer : group.layers()) {
                                if (layer != null) {
                                    published.add(layer);
                                }
                            }
                        }
                        published.add(group);
                        continue;
                    }
                    long ssrc = answered.ssrcs().get(0);
                    PublishedTrack existing = endpoint.publishedTrack(ssrc);
                    published.add(existing != null && existing.codec == codec ? existing : new PublishedTrack(endpoint, ssrc, codec));
                }
            } else if (offered.track() != null && offered.direction() == Direction.SENDONLY && answered.direction().receives()) {
                receiving.add(offered.track().ssrc());
            }
        }
        PublishedTrack[] before = endpoint.published();
        PublishedTrack[] after = published.toArray(PublishedTrack[]::new);
        endpoint.setPublished(after);
        endpoint.setReceiving(receiving.stream().mapToLong(Long::longValue).toArray());
        // learned simulcast layers do not change what subscribers are offered
        return !java.util.Arrays.equals(java.util.Arrays.stream(before).filter(t -> t.group == null).toArray(),
                java.util.Arrays.stream(after).filter(t -> t.group == null).toArray());
    }

    private void startDtls(Endpoint endpoint) {
        DtlsSession session = dtls.newSession(endpoint.remoteFingerprint,
                (record, offset, length) -> {
                    InetSocketAddress to = endpoint.address;
                    if (to != null) {
                        output.sendFromAnyThread(record, offset, length, to);
                    }
                },
                new DtlsSession.Listener() {
                    @Override
                    public void handshakeComplete(SrtpKeys keys) {
                        counters.dtlsHandshakeCompleted();
                        SrtpTransformer srtp = SrtpTransformer.forDtlsServer(keys);
                        try {
                            srtp.prepare(endpoint.publishedSsrcs(), endpoint.receivingSsrcsAndRtcp());
                        } catch (java.security.GeneralSecurityException e) {
                            LOG.warn("endpoint {}: cannot derive SRTP contexts in advance: {}", endpoint.id, e.toString());
                        }
                        LOG.debug("endpoint {}: DTLS done, SRTP profile {}", endpoint.id, keys.profile());
                        // Keys are published on the event loop, in the same task that replays the packets
                        // held during the handshake: newer packets must not overtake them (SRTP replay window).
                        eventLoop.execute(() -> {
                            if (endpointsById.get(endpoint.id) != endpoint) {
                                srtp.close(); // released while the handshake ran
                                return;
                            }
                            endpoint.srtp = srtp;
                            for (byte[] held : endpoint.takeHeldMedia()) {
                                InetSocketAddress from = endpoint.address;
                                if (from != null) {
                                    dispatch(held, held.length, from);
                                }
                            }
                            output.flush();
                            reportConnected(endpoint);
                        });
                    }

                    @Override
                    public void handshakeFailed(Exception cause) {
                        endpoint.dtlsFailed = true;
                        counters.dropped(DropReason.DTLS_FAILED);
                        LOG.info("endpoint {}: DTLS handshake failed: {}", endpoint.id, cause.toString());
                        if (endpointsById.get(endpoint.id) == endpoint) {
                            events.stateChanged(endpoint.id, RelayEvents.EndpointState.DISCONNECTED);
                        }
                    }
                });
        endpoint.dtls = session;
        eventLoop.execute(() -> endpoint.flushEarlyDtls(session));
    }

    private void reportConnected(Endpoint endpoint) {
        if (!endpoint.connectedReported && endpoint.srtp != null && endpoint.address != null
                && endpointsById.get(endpoint.id) == endpoint) {
            endpoint.connectedReported = true;
            events.stateChanged(endpoint.id, RelayEvents.EndpointState.CONNECTED);
        }
    }

    private static void checkId(String what, String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " must be 1-" + MAX_ID_LENGTH + " printable ASCII characters");
        }
    }

    // ---------------------------------------------------------------- data plane (event loop)

    /** Handles one datagram; {@code data} is reused after this returns. Never throws. */
    public void onDatagram(byte[] data, int length, InetSocketAddress sender) {
        counters.received();
        dispatch(data, length, sender);
    }

    private void dispatch(byte[] data, int length, InetSocketAddress sender) {
        try {
            switch (Rtp.classify(data, 0, length)) {
                case STUN -> onStun(data, length, sender);
                case DTLS -> onDtls(data, length, sender);
                case RTP -> onRtp(data, length, sender);
                case RTCP -> onRtcp(data, length, sender);
                default -> counters.dropped(DropReason.MALFORMED);
            }
        } catch (Exception e) {
            counters.dropped(DropReason.INTERNAL);
            LOG.warn("packet from {} dropped: {}", sender, e.toString(), e);
        }
    }

    private void onStun(byte[] data, int length, InetSocketAddress sender) {
        IceLiteResponder.Result result = ice.handle(data, length, sender, localAddress, ufrag -> {
            Endpoint endpoint = endpointsByUfrag.get(ufrag);
            return endpoint == null ? null : endpoint.expectedRemoteUfrag(ufrag);
        });
        switch (result.outcome()) {
            case MALFORMED -> counters.dropped(DropReason.MALFORMED);
            case UNAUTHORISED -> counters.dropped(DropReason.ICE_AUTH_FAILED);
            case IGNORED -> {
                // responses and indications need no answer from a lite agent
            }
            case ANSWERED -> {
                Endpoint endpoint = endpointsByUfrag.get(result.localUfrag());
                if (endpoint == null) {
                    counters.dropped(DropReason.ICE_AUTH_FAILED);
                    return;
                }
                output.write(Unpooled.wrappedBuffer(result.response()), sender);
                onValidCheck(endpoint, sender, result.useCandidate(), endpoint.ice.ufrag().equals(result.localUfrag()));
            }
        }
    }

    /**
     * Address rules: the first valid check gives the endpoint an address (also when checks resume
     * after consent expired); after that only a nominated check (USE-CANDIDATE) with the endpoint's
     * current credentials moves it, so checks still in flight with credentials an ICE restart
     * replaced, and any packet that is not an authenticated check, never take the endpoint away
     * from its path. Consent is kept by checks on the current path only.
     *
     * @param currentCredentials whether the check used the endpoint's latest credentials
     */
    private void onValidCheck(Endpoint endpoint, InetSocketAddress sender, boolean nominated, boolean currentCredentials) {
        long now = nanoClock.getAsLong();
        InetSocketAddress current = endpoint.address;
        if (current == null || (nominated && currentCredentials && !current.equals(sender))) {
            if (current != null) {
                endpointsByAddress.remove(current, endpoint);
            }
            Endpoint previousOwner = endpointsByAddress.put(sender, endpoint);
            if (previousOwner != null && previousOwner != endpoint) {
                previousOwner.address = null;
            }
            endpoint.address = sender;
            endpoint.lastCheckNanos = now;
            if (current != null) {
                counters.pathChanged();
                LOG.info("endpoint {}: path moved from {} to {}", endpoint.id, current, sender);
                requestKeyframesAfterMove(endpoint, now);
            }
            reportConnected(endpoint);
        } else if (current.equals(sender)) {
            endpoint.lastCheckNanos = now;
        }
    }

    /**
     * After a path change, asks for keyframes at once rather than waiting for the receivers'
     * decoders to notice the loss: from the moved endpoint for the video it publishes (its
     * subscribers missed the packets sent while its path was down) and from the publishers of the
     * video it receives (it missed those). Rate-limited per track like any keyframe request.
     */
    private void requestKeyframesAfterMove(Endpoint endpoint, long now) {
        try {
            // asked on behalf of each subscriber, so that with simulcast only the layers in use are asked for
            for (PublishedTrack track : endpoint.published()) {
                if (track.kind != MediaKind.VIDEO) {
                    continue;
                }
                long ssrc = track.output().ssrc;
                for (Endpoint subscriber : endpoint.session.endpoints()) {
                    if (subscriber != endpoint && subscriber.receives(ssrc)) {
                        requestKeyframe(subscriber, ssrc, false, now);
                    }
                }
            }
            for (long ssrc : endpoint.receivingSsrcs()) {
                requestKeyframe(endpoint, ssrc, false, now);
            }
        } catch (Exception e) {
            LOG.warn("endpoint {}: keyframe request after a path change failed: {}", endpoint.id, e.toString());
        }
    }

    private void onDtls(byte[] data, int length, InetSocketAddress sender) {
        Endpoint endpoint = endpointsByAddress.get(sender);
        if (endpoint == null) {
            counters.dropped(DropReason.UNKNOWN_SOURCE);
            return;
        }
        if (endpoint.dtlsFailed) {
            counters.dropped(DropReason.DTLS_FAILED);
            return;
        }
        byte[] record = java.util.Arrays.copyOf(data, length);
        DtlsSession session = endpoint.dtls;
        boolean accepted = session == null ? endpoint.stashEarlyDtls(record) : session.offer(record);
        if (!accepted) {
            counters.dropped(DropReason.OVERLOAD);
        }
    }

    /**
     * The endpoint that sent an SRTP or SRTCP datagram, if it has keys; otherwise the datagram is
     * counted as dropped (or held while the endpoint's handshake finishes) and null is returned.
     */
    private Endpoint keyedSender(byte[] data, int length, InetSocketAddress sender) {
        Endpoint endpoint = endpointsByAddress.get(sender);
        if (endpoint == null) {
            counters.dropped(DropReason.UNKNOWN_SOURCE);
            return null;
        }
        if (endpoint.srtp == null) {
            if (!endpoint.holdUntilKeys(data, length)) {
                counters.dropped(DropReason.NO_DTLS_YET);
            }
            return null;
        }
        return endpoint;
    }

    private void onRtp(byte[] data, int length, InetSocketAddress sender) throws Exception {
        Endpoint endpoint = keyedSender(data, length, sender);
        if (endpoint == null) {
            return;
        }
        SrtpTransformer srtp = endpoint.srtp;
        if (Rtp.headerLength(data, 0, length) < 0) {
            counters.dropped(DropReason.MALFORMED);
            return;
        }
        SrtpErrorStatus status = srtp.unprotectRtp(inView.wrap(data, 0, length));
        if (status != SrtpErrorStatus.OK) {
            counters.dropped(dropReason(status));
            return;
        }
        int plainLength = inView.getLength();
        long now = nanoClock.getAsLong();
        int extension = endpoint.transportCcExtension;
        // every packet counts for congestion control, probes and retransmissions on other SSRCs too
        int transportSequenceAt = extension == 0 ? -1 : RtpExtensions.find(data, 0, plainLength, extension, 2);
        if (transportSequenceAt >= 0) {
            endpoint.arrivals.onPacket(Rtp.u16(data, transportSequenceAt), now);
            if (endpoint.arrivals.pending() >= ArrivalRecorder.MAX_PACKETS_PER_FEEDBACK && endpoint.wantsTransportCc) {
                sendTransportFeedback(endpoint);
            }
        }
        long ssrc = Rtp.ssrc(data, 0);
        PublishedTrack track = endpoint.publishedTrack(ssrc);
        if (track == null) {
            track = learnLayer(endpoint, data, plainLength, ssrc);
            if (track == null) {
                counters.dropped(DropReason.UNKNOWN_SSRC);
                return;
            }
        }
        int sequence = Rtp.sequence(data, 0);
        long timestamp = Rtp.timestamp(data, 0);
        track.statistics.onPacket(sequence, timestamp, now);
        track.bytesReceived += plainLength;
        // Simulcast layers are left out: their RTP clocks have unrelated offsets, and one layer alone
        // would understate the uplink. Browsers that simulcast all take transport-cc feedback.
        if (track.kind == MediaKind.VIDEO && !endpoint.wantsTransportCc && track.group == null) {
            estimateUplink(endpoint, track, sequence, timestamp, plainLength, now);
        }
        if (track.cache != null) {
            track.cache.put(data, 0, plainLength);
        }
        SessionRecorder recorder = endpoint.session.recorder;
        if (track.kind != MediaKind.VIDEO) {
            if (recorder != null) {
                recorder.onRtp(endpoint.id, ssrc, false, track.codec == Codec.OPUS, data, 0, plainLength, now);
            }
            for (Endpoint subscriber : endpoint.session.endpoints()) {
                if (subscriber != endpoint && subscriber.receives(ssrc)) {
                    sendRtp(subscriber, data, 0, plainLength,
                            subscriber.transportCcExtension == extension ? transportSequenceAt : -1, now);
                }
            }
            return;
        }
        if (VideoPayload.payloadOffset(data, 0, plainLength) >= 0) {
            track.meter(plainLength, now); // padding-only probes say nothing about the layer's rate
        }
        PublishedTrack output = track.output();
        if (recorder != null) {
            if (track.group == null) {
                recorder.onRtp(endpoint.id, ssrc, true, track.codec == Codec.VP8, data, 0, plainLength, now);
            } else {
                recordLayer(recorder, endpoint, track, data, plainLength, now);
            }
        }
        if (forwardScratch.length < plainLength) {
            forwardScratch = new byte[plainLength];
        }
        // Each subscriber gets the packet through its own forwarder: which layer, and where in its
        // continuous numbering, differs per subscriber. The copy is rewritten in place.
        for (Endpoint subscriber : endpoint.session.endpoints()) {
            if (subscriber != endpoint && subscriber.receives(output.ssrc)) {
                LayerForwarder forwarder = subscriber.existingForwarder(output.ssrc);
                if (forwarder == null) {
                    forwarder = subscriber.forwarder(output);
                    forwarder.target(initialLayer(output, track, now), now);
                }
                System.arraycopy(data, 0, forwardScratch, 0, plainLength);
                if (forwarder.forward(track.layerIndex, forwardScratch, 0, plainLength, now)) {
                    sendRtp(subscriber, forwardScratch, 0, plainLength,
                            subscriber.transportCcExtension == extension ? transportSequenceAt : -1, now);
                } else {
                    counters.layerPacketHeld();
                }
            }
        }
    }

    /** A new subscriber starts on the highest layer sending (selection corrects it within 50 ms). */
    private static int initialLayer(PublishedTrack output, PublishedTrack arrived, long now) {
        PublishedTrack[] layers = output.layers();
        for (int i = layers.length - 1; i >= 0; i--) {
            if (layers[i] != null && layers[i].active(now)) {
                return i;
            }
        }
        return arrived.layerIndex;
    }

    /**
     * A packet on an SSRC the answer did not name: a simulcast layer announces itself with the
     * rtp-stream-id extension on its first packets. Returns the layer's new track, or null.
     */
    private PublishedTrack learnLayer(Endpoint endpoint, byte[] data, int length, long ssrc) {
        int extension = endpoint.streamIdExtension;
        if (extension == 0) {
            return null;
        }
        for (PublishedTrack group : endpoint.published()) {
            if (!group.isGroup()) {
                continue;
            }
            for (int i = 0; i < group.rids.size(); i++) {
                if (RtpExtensions.holdsText(data, 0, length, extension, group.rids.get(i))) {
                    endpoint.addLayer(group.newLayer(ssrc, i));
                    endpoint.session.rebuildTracks();
                    PublishedTrack layer = endpoint.publishedTrack(ssrc);
                    if (layer != null) {
                        LOG.info("endpoint {}: simulcast layer {} on SSRC {}", endpoint.id, group.rids.get(i), ssrc);
                    }
                    return layer;
                }
            }
        }
        return null;
    }

    /** Records a simulcast group as one stream: the highest layer sending, switched at keyframes. */
    private void recordLayer(SessionRecorder recorder, Endpoint publisher, PublishedTrack layer, byte[] data, int length,
                             long now) throws Exception {
        PublishedTrack group = layer.group;
        LayerForwarder forwarder = group.recordingForwarder;
        if (forwarder == null) {
            forwarder = new LayerForwarder(group.ssrc, group.codec == Codec.VP8, group.codec == Codec.H264);
            forwarder.target(initialLayer(group, layer, now), now);
            group.recordingForwarder = forwarder;
        }
        int top = initialLayer(group, layer, now);
        if (top != forwarder.target() && group.layers()[top] != null && group.layers()[top].active(now)) {
            forwarder.target(top, now);
            forwarder.lastRequestNanos = now;
            sendKeyframeRequest(group.layers()[top], false, now);
        } else if (forwarder.switchPending() && now - forwarder.lastRequestNanos > KEYFRAME_RETRY_NANOS) {
            forwarder.lastRequestNanos = now;
            sendKeyframeRequest(group.layers()[forwarder.target()], false, now);
        }
        if (forwardScratch.length < length) {
            forwardScratch = new byte[length];
        }
        System.arraycopy(data, 0, forwardScratch, 0, length);
        if (forwarder.forward(layer.layerIndex, forwardScratch, 0, length, now)) {
            recorder.onRtp(publisher.id, group.ssrc, true, group.codec == Codec.VP8, forwardScratch, 0, length, now);
        }
    }

    /**
     * Feeds a REMB-only publisher's video packet to its receive-side estimator: the RTP timestamp
     * (90 kHz, the frame's capture time) stands in for the send time, gaps in the sequence numbers
     * for loss.
     */
    private static void estimateUplink(Endpoint publisher, PublishedTrack track, int sequence, long timestamp,
                                       int length, long now) {
        if (track.lastSequence >= 0) {
            int gap = (sequence - track.lastSequence - 1) & 0xffff;
            if (gap > 0 && gap < 1000) {
                publisher.uplink.onLost(gap);
            } else if (gap >= 0x8000) {
                return; // reordered or repeated: already counted
            }
        }
        track.lastSequence = sequence;
        track.unwrappedTimestamp = track.unwrappedTimestamp == Long.MIN_VALUE
                ? timestamp : track.unwrappedTimestamp + (int) (timestamp - track.unwrappedTimestamp);
        publisher.uplink.onReceived(track.unwrappedTimestamp * 1000 / 90, now / 1000, length);
    }

    /**
     * Encrypts a copy of a plain RTP packet for one subscriber and queues it; true if sent. When
     * {@code transportSequenceAt} is not negative, the copy's transport-wide sequence number there is
     * replaced with the subscriber's own, for its downlink estimate.
     */
    private boolean sendRtp(Endpoint subscriber, byte[] plain, int offset, int length, int transportSequenceAt,
                            long now) throws Exception {
        boolean sent = protectAndQueue(subscriber, plain, offset, length, false, transportSequenceAt, now);
        if (sent) {
            counters.forwarded();
        }
        return sent;
    }

    /** Encrypts a copy of a plain RTCP packet for an endpoint and queues it; true if sent. */
    private boolean sendRtcp(Endpoint target, byte[] plain, int offset, int length) throws Exception {
        return protectAndQueue(target, plain, offset, length, true, -1, 0);
    }

    private boolean protectAndQueue(Endpoint target, byte[] plain, int offset, int length, boolean rtcp,
                                    int transportSequenceAt, long now) throws Exception {
        SrtpTransformer srtp = target.srtp;
        InetSocketAddress to = target.address;
        if (srtp == null || to == null) {
            return false;
        }
        ByteBuf out = output.allocate(length + PacketBuffer.TRAILER_ROOM);
        try {
            int base = out.arrayOffset() + out.writerIndex();
            System.arraycopy(plain, offset, out.array(), base, length);
            if (transportSequenceAt >= 0) {
                Rtp.put16(out.array(), base + transportSequenceAt - offset, target.downlink.nextSequence(now, length));
            }
            outView.wrap(out.array(), base, length, out.writableBytes());
            SrtpErrorStatus status = rtcp ? srtp.protectRtcp(outView) : srtp.protectRtp(outView);
            if (status != SrtpErrorStatus.OK) {
                out.release();
                counters.dropped(DropReason.INTERNAL);
                return false;
            }
            out.writerIndex(out.writerIndex() + outView.getLength());
        } catch (Exception e) {
            out.release();
            throw e;
        }
        output.write(out, to);
        return true;
    }

    private void onRtcp(byte[] data, int length, InetSocketAddress sender) throws Exception {
        Endpoint endpoint = keyedSender(data, length, sender);
        if (endpoint == null) {
            return;
        }
        SrtpTransformer srtp = endpoint.srtp;
        if (Rtcp.packetLength(data, 0, length) < 8) {
            counters.dropped(DropReason.MALFORMED);
            return;
        }
        SrtpErrorStatus status = srtp.unprotectRtcp(inView.wrap(data, 0, length));
        if (status != SrtpErrorStatus.OK) {
            counters.dropped(dropReason(status));
            return;
        }
        int end = inView.getLength();
        int offset = 0;
        long now = nanoClock.getAsLong();
        while (offset < end) {
            int packetLength = Rtcp.packetLength(data, offset, end);
            if (packetLength < 8) {
                counters.dropped(DropReason.MALFORMED);
                return;
            }
            onRtcpPacket(endpoint, data, offset, packetLength, now);
            offset += packetLength;
        }
    }

    private void onRtcpPacket(Endpoint from, byte[] b, int off, int len, long now) throws Exception {
        int type = Rtcp.packetType(b, off);
        int format = Rtcp.countOrFormat(b, off);
        switch (type) {
            case Rtcp.SR -> {
                if (len < 28) {
                    return;
                }
                long ssrc = Rtp.u32(b, off + 4);
                PublishedTrack track = from.publishedTrack(ssrc);
                if (track == null) {
                    return;
                }
                track.statistics.onSenderReport(Rtp.u32(b, off + 10), now);
                long ntp = Rtp.u32(b, off + 8) << 32 | Rtp.u32(b, off + 12);
                long rtpTimestamp = Rtp.u32(b, off + 16);
                SessionRecorder recorder = from.session.recorder;
                if (recorder != null) {
                    if (track.group == null) {
                        recorder.onSenderReport(from.id, ssrc, ntp, rtpTimestamp, now);
                    } else if (track.group.recordingForwarder != null) {
                        long translated = track.group.recordingForwarder.outputTimestamp(track.layerIndex, rtpTimestamp);
                        if (translated >= 0) {
                            recorder.onSenderReport(from.id, track.group.ssrc, ntp, translated, now);
                        }
                    }
                }
                // Forward the sender info only (receivers use it for lip sync); the report blocks
                // describe the relay's streams to the publisher and mean nothing to subscribers.
                System.arraycopy(b, off, rtcpScratch, 0, 28);
                rtcpScratch[0] = (byte) (rtcpScratch[0] & 0xe0);
                Rtp.put16(rtcpScratch, 2, 6);
                long outputSsrc = track.output().ssrc;
                for (Endpoint subscriber : from.session.endpoints()) {
                    if (subscriber == from || !subscriber.receives(outputSsrc)) {
                        continue;
                    }
                    if (track.kind == MediaKind.VIDEO) {
                        // in the subscriber's numbering, and only for the layer it gets now
                        LayerForwarder forwarder = subscriber.existingForwarder(outputSsrc);
                        long translated = forwarder == null ? -1 : forwarder.outputTimestamp(track.layerIndex, rtpTimestamp);
                        if (translated < 0) {
                            continue;
                        }
                        Rtp.put32(rtcpScratch, 4, outputSsrc);
                        Rtp.put32(rtcpScratch, 16, translated);
                    }
                    if (sendRtcp(subscriber, rtcpScratch, 0, 28)) {
                        counters.rtcpForwarded();
                    }
                }
            }
            case Rtcp.RTPFB -> {
                if (format == Rtcp.FMT_NACK && len >= 16) {
                    answerNack(from, b, off, len, now);
                } else if (format == TransportFeedback.FMT && from.transportCcExtension > 0) {
                    from.downlink.onFeedback(b, off, len, now);
                }
            }
            case Rtcp.PSFB -> {
                if (format == Rtcp.FMT_PLI && len >= 12) {
                    requestKeyframe(from, Rtp.u32(b, off + 8), false, now);
                } else if (format == Rtcp.FMT_FIR && len >= 20) {
                    for (int fci = off + 12; fci + 8 <= off + len; fci += 8) {
                        requestKeyframe(from, Rtp.u32(b, fci), true, now);
                    }
                } else if (format == Remb.FMT) {
                    long bitrate = Remb.bitrate(b, off, len);
                    if (bitrate > 0) {
                        from.remoteRembBps = bitrate;
                    }
                }
            }
            default -> {
                // RR, SDES, BYE, REMB and others: the relay terminates them
            }
        }
    }

    private void answerNack(Endpoint subscriber, byte[] b, int off, int len, long now) throws Exception {
        long mediaSsrc = Rtp.u32(b, off + 8);
        PublishedTrack output = subscriber.session.track(mediaSsrc);
        if (output == null || output.kind != MediaKind.VIDEO || !subscriber.receives(mediaSsrc)) {
            return;
        }
        LayerForwarder forwarder = subscriber.existingForwarder(mediaSsrc);
        if (forwarder == null) {
            return;
        }
        byte[] scratch = rtcpScratch;
        int missing = 0;
        PublishedTrack missingLayer = null;
        // On a congested downlink resends compete with the stream for the same capacity: a NACK
        // storm after a queue overflowed would keep the link full of packets that come too late.
        long estimate = downlinkEstimate(subscriber);
        long resendBudget = estimate > 0 ? (long) (estimate * RESEND_SHARE) : 0;
        for (int fci = off + 12; fci + 4 <= off + len; fci += 4) {
            int pid = Rtp.u16(b, fci);
            int blp = Rtp.u16(b, fci + 2);
            for (int bit = -1; bit < 16; bit++) {
                if (bit >= 0 && (blp & (1 << bit)) == 0) {
                    continue;
                }
                // the subscriber's numbers map back to the layer and sequence number that were sent
                int sent = (pid + bit + 1) & 0xffff;
                int segment = forwarder.segmentFor(sent);
                if (segment < 0 || !forwarder.isCurrent(segment)) {
                    continue; // sent before the keyframe the subscriber's decoder restarted at (a switch or resume)
                }
                PublishedTrack[] layers = output.layers();
                PublishedTrack track = segment < 0 || forwarder.layerOf(segment) >= layers.length ? null
                        : layers[forwarder.layerOf(segment)];
                if (track == null || track.cache == null) {
                    continue;
                }
                int sequence = forwarder.sourceSequence(segment, sent);
                int cached = track.cache.get(sequence, scratch, 0);
                if (cached <= 0) {
                    // one NACK names one SSRC: losses of an earlier layer (around a switch) are not asked for
                    if (missingLayer == null) {
                        missingLayer = track;
                    }
                    if (track == missingLayer && missing < missingScratch.length) {
                        missingScratch[missing++] = sequence;
                    }
                    continue;
                }
                if (!subscriber.admitResend(cached, resendBudget, now)) {
                    continue;
                }
                forwarder.rewriteRetransmission(segment, scratch, 0, cached);
                int extension = subscriber.transportCcExtension;
                int transportSequenceAt = cached > 0 && extension > 0
                        ? RtpExtensions.find(scratch, 0, cached, extension, 2) : -1;
                if (cached > 0 && sendRtp(subscriber, scratch, 0, cached, transportSequenceAt, now)) {
                    counters.nackAnswered();
                }
            }
        }
        if (missing > 0) {
            // Lost on the publisher's uplink, so never cached: ask the publisher, whose retransmission
            // is forwarded like any packet. This is what keeps video going on a lossy mobile uplink.
            int length = Rtcp.writeNack(scratch, 0, missingLayer.publisher.rtcpSsrc, missingLayer.ssrc, missingScratch, missing);
            if (sendRtcp(missingLayer.publisher, scratch, 0, length)) {
                counters.rtcpForwarded();
            }
        }
    }

    private void requestKeyframe(Endpoint subscriber, long mediaSsrc, boolean fir, long now) throws Exception {
        PublishedTrack track = subscriber.session.track(mediaSsrc);
        if (track == null || track.kind != MediaKind.VIDEO || track.publisher == subscriber) {
            return;
        }
        LayerForwarder forwarder = subscriber.existingForwarder(track.output().ssrc);
        if (track.isGroup()) {
            // the keyframe the subscriber needs is the one of the layer it gets (or is moving to)
            int layer = forwarder == null ? LayerForwarder.NONE
                    : forwarder.target() != LayerForwarder.NONE ? forwarder.target() : forwarder.current();
            track = layer == LayerForwarder.NONE ? null : track.layers()[layer];
        } else if (forwarder != null && forwarder.target() == LayerForwarder.NONE && forwarder.started()) {
            track = null; // held back: its keyframe comes when the link can carry the stream again
        }
        if (track != null) {
            sendKeyframeRequest(track, fir, now);
        }
    }

    /**
     * Asks a video stream's publisher for a keyframe unless one was asked for within the last
     * 300 ms: requests of several subscribers (and layer switches) close together become one.
     */
    private boolean sendKeyframeRequest(PublishedTrack track, boolean fir, long now) throws Exception {
        if (!track.admitKeyframeRequest(now)) {
            return false;
        }
        Endpoint publisher = track.publisher;
        int length = fir
                ? Rtcp.writeFir(rtcpScratch, 0, publisher.rtcpSsrc, track.ssrc, track.nextFirSequence())
                : Rtcp.writePli(rtcpScratch, 0, publisher.rtcpSsrc, track.ssrc);
        if (sendRtcp(publisher, rtcpScratch, 0, length)) {
            counters.rtcpForwarded();
            counters.keyframeRequested();
            return true;
        }
        return false;
    }

    /**
     * Chooses the layer of every video track a subscriber receives from its downlink estimate
     * (shared equally between the tracks) and asks for the keyframe a switch waits for.
     */
    private void selectLayers(Endpoint subscriber, long now) throws Exception {
        LayerForwarder[] forwarders = subscriber.forwarders();
        if (forwarders.length == 0) {
            return;
        }
        boolean transportCc = subscriber.downlink.feedbacks() > 0;
        long estimate = transportCc ? subscriber.downlink.estimateBps() : subscriber.remoteRembBps;
        boolean limiting = transportCc ? subscriber.downlink.estimator().limiting() : subscriber.remoteRembBps > 0;
        int shares = 0;
        for (LayerForwarder forwarder : forwarders) {
            if (subscriber.receives(forwarder.outputSsrc)) {
                shares++;
            }
        }
        for (LayerForwarder forwarder : forwarders) {
            PublishedTrack output = subscriber.session.track(forwarder.outputSsrc);
            if (output == null || !subscriber.receives(forwarder.outputSsrc)) {
                continue;
            }
            PublishedTrack[] layers = output.layers();
            int count = Math.min(layers.length, layerRates.length);
            for (int i = 0; i < count; i++) {
                layerRates[i] = layers[i] != null && layers[i].active(now) ? layers[i].rateBps() : 0;
            }
            int before = forwarder.target();
            long delivered = transportCc ? subscriber.downlink.estimator().deliveredBps() : 0;
            int wanted = forwarder.choose(layerRates, count, estimate / Math.max(1, shares), limiting,
                    delivered / Math.max(1, shares), now);
            if (wanted != before) {
                forwarder.target(wanted, now);
                if (wanted == LayerForwarder.NONE) {
                    counters.videoHeldBack();
                }
                int current = forwarder.current();
                if (wanted != LayerForwarder.NONE && current != LayerForwarder.NONE && wanted < current && limiting
                        && layerRates[current] > estimate / Math.max(1, shares) * LayerForwarder.PAUSE_FACTOR) {
                    forwarder.dropCurrent();
                }
            }
            if (forwarder.switchPending() && forwarder.started()
                    && (wanted != before || now - forwarder.lastRequestNanos > KEYFRAME_RETRY_NANOS)) {
                forwarder.lastRequestNanos = now;
                PublishedTrack layer = layers[forwarder.target()];
                if (layer != null) {
                    sendKeyframeRequest(layer, false, now);
                }
            }
        }
    }

    /**
     * Periodic work on the event loop: expire endpoints whose ICE consent lapsed and send receiver
     * reports to publishers. Call about once a second.
     */
    public void tick() {
        long now = nanoClock.getAsLong();
        for (Endpoint endpoint : endpointsById.values()) {
            try {
                IceCredentials previous = endpoint.previousIce;
                if (previous != null && endpoint.previousIceExpired(now)) {
                    forgetPreviousCredentials(endpoint, previous);
                }
                InetSocketAddress address = endpoint.address;
                if (address != null && now - endpoint.lastCheckNanos > consentTimeoutNanos) {
                    endpointsByAddress.remove(address, endpoint);
                    endpoint.address = null;
                    endpoint.connectedReported = false;
                    LOG.info("endpoint {}: ICE consent expired, address {} dropped", endpoint.id, address);
                    events.stateChanged(endpoint.id, RelayEvents.EndpointState.DISCONNECTED);
                    continue;
                }
                sendReceiverReport(endpoint, now);
                reportUplink(endpoint, now);
            } catch (Exception e) {
                LOG.warn("periodic work for endpoint {} failed: {}", endpoint.id, e.toString(), e);
            }
        }
        output.flush();
    }

    /** Ends the grace of credentials an ICE restart replaced, unless another restart replaced them already. */
    private void forgetPreviousCredentials(Endpoint endpoint, IceCredentials previous) {
        synchronized (controlLock) {
            if (endpoint.previousIce == previous) {
                endpointsByUfrag.remove(previous.ufrag(), endpoint);
                endpoint.previousIce = null;
                endpoint.previousRemoteUfrag = null;
            }
        }
    }

    /**
     * Congestion feedback on the event loop, about every 50 ms: transport-cc feedback to every
     * endpoint that asked for it, and REMB to publishers whose subscribers' downlinks (or, without
     * transport-cc, whose own uplink) cannot carry what they send.
     */
    public void feedbackTick() {
        long now = nanoClock.getAsLong();
        for (Endpoint endpoint : endpointsById.values()) {
            try {
                if (endpoint.srtp == null || endpoint.address == null) {
                    continue;
                }
                if (endpoint.wantsTransportCc) {
                    sendTransportFeedback(endpoint);
                }
                selectLayers(endpoint, now);
                if (endpoint.acceptsRemb) {
                    sendRemb(endpoint, now);
                }
            } catch (Exception e) {
                LOG.warn("congestion feedback for endpoint {} failed: {}", endpoint.id, e.toString(), e);
            }
        }
        output.flush();
    }

    private void sendTransportFeedback(Endpoint endpoint) throws Exception {
        PublishedTrack[] published = endpoint.published();
        long mediaSsrc = published.length > 0 ? published[0].ssrc : 0;
        int length;
        while ((length = endpoint.arrivals.writeFeedback(rtcpScratch, 0, endpoint.rtcpSsrc, mediaSsrc)) > 0) {
            sendRtcp(endpoint, rtcpScratch, 0, length);
        }
    }

    /**
     * The most a publisher's video should take: the lowest estimate among the downlinks of the
     * endpoints that receive it (from their transport-cc feedback, or their own REMB), and for a
     * publisher without transport-cc its uplink's receive-side estimate; 0 when nothing limits it.
     * Without simulcast one stream serves every subscriber, so the weakest link sets the pace; a
     * simulcast group is not capped by its subscribers, each of which takes the layer its link carries.
     */
    private long videoCap(Endpoint publisher, long now) {
        long cap = Long.MAX_VALUE;
        int videoTracks = 0;
        for (PublishedTrack track : publisher.published()) {
            if (track.kind != MediaKind.VIDEO || track.group != null) {
                continue;
            }
            videoTracks++;
            if (track.isGroup()) {
                // each subscriber takes the layer its link carries: the weakest must not cap the rest
                continue;
            }
            for (Endpoint subscriber : publisher.session.endpoints()) {
                if (subscriber != publisher && subscriber.receives(track.ssrc)) {
                    long estimate = downlinkEstimate(subscriber);
                    if (estimate <= 0 && heldBack(subscriber, track.ssrc)) {
                        // a held-back stream leaves the link idle, so it no longer looks congested; yet
                        // the publisher must come down to what the link carried before the stream resumes
                        estimate = subscriber.downlink.estimateBps();
                    }
                    if (estimate > 0) {
                        cap = Math.min(cap, estimate);
                    }
                }
            }
        }
        if (videoTracks == 0) {
            return 0;
        }
        if (!publisher.wantsTransportCc) {
            long uplink = publisher.uplink.update(now);
            if (uplink > 0) {
                cap = Math.min(cap, uplink);
            }
        }
        return cap == Long.MAX_VALUE ? 0 : cap;
    }

    /** Whether the relay holds a single video stream back from this subscriber because its link could not carry it. */
    private static boolean heldBack(Endpoint subscriber, long outputSsrc) {
        LayerForwarder forwarder = subscriber.existingForwarder(outputSsrc);
        return forwarder != null && forwarder.started() && forwarder.current() == LayerForwarder.NONE
                && forwarder.target() == LayerForwarder.NONE;
    }

    /** The subscriber's downlink estimate where it limits what it can take, else 0. */
    private static long downlinkEstimate(Endpoint subscriber) {
        if (subscriber.downlink.feedbacks() > 0) {
            return subscriber.downlink.estimator().limiting() ? subscriber.downlink.estimateBps() : 0;
        }
        return subscriber.remoteRembBps;
    }

    /**
     * Sends a publisher a REMB when something limits its video. A publisher with transport-cc
     * finds its uplink's capacity itself, and a REMB above what it sends would only slow its
     * ramp-up (libwebrtc grows its target from a capped value by 8 % a second), so nothing is sent
     * until a subscriber's downlink is congested; once a cap was sent, the lifted cap is sent as
     * the highest estimate for a few seconds.
     */
    private void sendRemb(Endpoint publisher, long now) throws Exception {
        long cap = videoCap(publisher, now);
        if (cap <= 0) {
            if (publisher.rembSentBps == 0 || publisher.rembSentBps == RateEstimator.MAX_BPS
                    && now - publisher.rembLiftedNanos > REMB_LIFT_NANOS) {
                return;
            }
            if (publisher.rembSentBps != RateEstimator.MAX_BPS) {
                publisher.rembLiftedNanos = now;
            }
            cap = RateEstimator.MAX_BPS;
        }
        long last = publisher.rembSentBps;
        boolean due = publisher.lastRembNanos == Long.MIN_VALUE || now - publisher.lastRembNanos >= REMB_INTERVAL_NANOS;
        if (!due && cap >= last * REMB_DROP_TO_SEND) {
            return;
        }
        int count = 0;
        for (PublishedTrack track : publisher.published()) {
            if (track.kind == MediaKind.VIDEO && !track.isGroup() && count < rembSsrcs.length) {
                rembSsrcs[count++] = track.ssrc;
            }
        }
        int length = Remb.write(rtcpScratch, 0, publisher.rtcpSsrc, cap, rembSsrcs, count);
        if (sendRtcp(publisher, rtcpScratch, 0, length)) {
            publisher.rembSentBps = cap;
            publisher.lastRembNanos = now;
        }
    }

    /** What the relay estimates about one endpoint's links now; readable from any thread (values may be a tick old). */
    public Map<String, BandwidthEstimate> bandwidth() {
        Map<String, BandwidthEstimate> estimates = new TreeMap<>();
        for (Endpoint endpoint : endpointsById.values()) {
            estimates.put(endpoint.id, bandwidth(endpoint));
        }
        return estimates;
    }

    static BandwidthEstimate bandwidth(Endpoint endpoint) {
        return new BandwidthEstimate(endpoint.downlink.estimateBps(),
                endpoint.downlink.estimator().deliveredBps(), endpoint.downlink.estimator().lossRate(),
                endpoint.downlink.estimator().limiting(), endpoint.remoteRembBps, endpoint.uplink.estimateBps(), endpoint.rembSentBps,
                endpoint.arrivals.packetsRecorded(), endpoint.downlink.feedbacks());
    }

    /**
     * Tells the listener what arrived of an endpoint's video since the last call: the signaling
     * server judges from it whether the publisher's uplink still carries video. Loss counts the
     * packets of the original stream that the link lost (retransmissions do not hide it).
     */
    private void reportUplink(Endpoint endpoint, long now) {
        long bytes = 0;
        long expected = 0;
        long received = 0;
        boolean video = false;
        for (PublishedTrack track : endpoint.published()) {
            if (track.kind != MediaKind.VIDEO) {
                continue;
            }
            video = true;
            long trackExpected = track.statistics.expectedPackets();
            // retransmissions must not hide the link's loss: count only first transmissions that came in order
            long trackReceived = track.statistics.advancingPackets();
            // a restarted sequence resets the counts: start the interval from there
            if (trackExpected < track.reportedExpected || trackReceived < track.reportedReceived) {
                track.reportedExpected = 0;
                track.reportedReceived = 0;
            }
            bytes += track.bytesReceived - track.reportedBytes;
            expected += trackExpected - track.reportedExpected;
            received += trackReceived - track.reportedReceived;
            track.reportedBytes = track.bytesReceived;
            track.reportedExpected = trackExpected;
            track.reportedReceived = trackReceived;
        }
        if (!video || endpoint.address == null) {
            return;
        }
        long interval = endpoint.lastUplinkReportNanos == 0 ? 0 : now - endpoint.lastUplinkReportNanos;
        endpoint.lastUplinkReportNanos = now;
        if (interval <= 0) {
            return; // the first call only starts the interval
        }
        double loss = expected <= 0 ? 0 : Math.max(0, Math.min(1, (expected - received) / (double) expected));
        events.uplink(endpoint.id, new UplinkReport(bytes * 8 * 1_000_000_000L / interval, loss, received,
                interval / 1_000_000));
    }

    private void sendReceiverReport(Endpoint endpoint, long now) throws Exception {
        int blocks = 0;
        for (PublishedTrack track : endpoint.published()) {
            if (track.statistics.hasPackets()) {
                blocks++;
            }
        }
        // an RR holds at most 31 report blocks; an endpoint publishes far fewer streams
        blocks = Math.min(blocks, 31);
        if (blocks == 0) {
            return;
        }
        int offset = Rtcp.writeReceiverReportHeader(rtcpScratch, 0, endpoint.rtcpSsrc, blocks);
        int written = 0;
        for (PublishedTrack track : endpoint.published()) {
            if (track.statistics.hasPackets() && written < blocks) {
                offset += track.statistics.writeReportBlock(rtcpScratch, offset, now);
                written++;
            }
        }
        sendRtcp(endpoint, rtcpScratch, 0, offset);
    }

    private static DropReason dropReason(SrtpErrorStatus status) {
        return switch (status) {
            case AUTH_FAIL -> DropReason.SRTP_AUTH_FAILED;
            case REPLAY_FAIL, REPLAY_OLD -> DropReason.SRTP_REPLAY;
            default -> DropReason.MALFORMED;
        };
    }
}
