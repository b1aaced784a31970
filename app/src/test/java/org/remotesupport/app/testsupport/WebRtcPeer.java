package org.remotesupport.app.testsupport;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtcpMuxPolicy;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real libwebrtc peer (webrtc-java) that plays a browser against our relay: it takes the relay's
 * SDP offers and answers them, sends the {@link UplinkMedia} it was built with on the m-lines the
 * offer's {@code uplink} map names, and counts the decoded frames of every remote video track.
 * No sound hardware is needed: audio runs through a headless audio module.
 *
 * <p>Methods block the calling thread until libwebrtc has done the work, so call them from a test
 * or helper thread, never from a libwebrtc callback (that would wait on its own thread). The
 * object is thread-safe; {@link #close()} must be called, or the JVM cannot exit (libwebrtc's
 * threads are attached to it as non-daemon threads until the factory is disposed).
 */
public final class WebRtcPeer implements AutoCloseable {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    // the relay is ICE-lite and needs no client candidates, so gathering only gets a short grace
    private static final Duration GATHERING_GRACE = Duration.ofSeconds(2);

    private final String name;
    private final HeadlessAudioDeviceModule audioModule;
    private final PeerConnectionFactory factory;
    private final RTCPeerConnection connection;
    private final AudioTrack audioTrack;
    private final GeneratedVideoSource videoSource;
    private final VideoTrack videoTrack;
    private final FrameCounter frames = new FrameCounter(System::nanoTime);
    private final List<VideoTrack> remoteVideoTracks = new CopyOnWriteArrayList<>();
    private final Set<String> sinkedTrackIds = new HashSet<>();
    private final Set<Thread> callbackThreads = ConcurrentHashMap.newKeySet();
    private final Object stateLock = new Object();
    private RTCPeerConnectionState connectionState = RTCPeerConnectionState.NEW;
    private RTCIceGatheringState gatheringState = RTCIceGatheringState.NEW;
    private boolean closed;

    /**
     * Creates the peer and its media; nothing is sent until an offer is applied.
     *
     * @param name   a short name for thread names and messages, e.g. {@code customer}
     * @param uplink what to send when the relay offers uplink m-lines
     */
    public WebRtcPeer(String name, UplinkMedia uplink) {
        this.name = name;
        // Leave the module alone: the voice engine starts playout and recording itself when the
        // first audio stream starts. Starting them by hand before the factory exists leaves audio
        // silent in both directions.
        this.audioModule = new HeadlessAudioDeviceModule();
        PeerConnectionFactory createdFactory = null;
        GeneratedVideoSource createdVideo = null;
        try {
            createdFactory = new PeerConnectionFactory(audioModule);
            this.factory = createdFactory;
            this.connection = factory.createPeerConnection(configuration(), new Observer());
            // A plain source: the headless module's capture thread feeds it every 10 ms. A
            // CustomAudioSource pushed from Java would race that thread into the same send stream
            // and libwebrtc aborts the process on the race check.
            this.audioTrack = uplink.audio()
                    ? factory.createAudioTrack(name + "-audio", factory.createAudioSource(new AudioOptions()))
                    : null;
            if (uplink.video() != null) {
                createdVideo = new GeneratedVideoSource(uplink.video(), name + "-video-generator");
                this.videoTrack = factory.createVideoTrack(name + "-video", createdVideo.source());
            } else {
                this.videoTrack = null;
            }
            this.videoSource = createdVideo;
        } catch (RuntimeException | Error e) {
            if (createdVideo != null) {
                createdVideo.close();
            }
            if (createdFactory != null) {
                createdFactory.dispose();
            }
            audioModule.dispose();
            throw e;
        }
    }

    /** The name given at construction. */
    public String name() {
        return name;
    }

    /**
     * Applies one offer of the relay and returns the SDP answer to send back. The first offer and
     * every later one (re-offers when others start or stop publishing) go through here, in the
     * order the server sent them.
     *
     * @param offerSdp the offer's SDP
     * @param uplink   the offer's uplink map: media kind ({@code audio}, {@code video}) to the mid
     *                 on which this peer sends that kind
     * @return the answer SDP, with this peer's host candidates once gathered
     */
    public synchronized String applyOffer(String offerSdp, Map<String, String> uplink) {
        requireUsableFromThisThread();
        await(setRemote(new RTCSessionDescription(RTCSdpType.OFFER, offerSdp)), "set the offer");
        attachUplink(uplink);
        RTCSessionDescription answer = await(createAnswer(), "create the answer");
        await(setLocal(answer), "set the answer");
        startVideoOnce();
        awaitGathering(GATHERING_GRACE);
        return connection.getLocalDescription().sdp;
    }

    /** Waits until the peer connection is connected (ICE and DTLS done); false when the timeout passed first. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateLock) {
            long left;
            while (connectionState != RTCPeerConnectionState.CONNECTED
                    && (left = deadline - System.nanoTime()) > 0) {
                stateLock.wait(Math.max(1, left / 1_000_000));
            }
            return connectionState == RTCPeerConnectionState.CONNECTED;
        }
    }

    /** The peer connection's latest state as libwebrtc reported it. */
    public RTCPeerConnectionState connectionState() {
        synchronized (stateLock) {
            return connectionState;
        }
    }

    /**
     * Waits until the remote video sinks have counted at least {@code count} decoded frames or the
     * timeout passed, and returns what they counted either way.
     */
    public ReceivedVideo awaitVideoFrames(long count, Duration timeout) throws InterruptedException {
        return frames.await(count, timeout);
    }

    /** What the remote video sinks have counted so far. */
    public ReceivedVideo receivedVideo() {
        return frames.snapshot();
    }

    /**
     * The longest pause between two decoded remote video frames since the previous call (the time
     * since the latest frame included), and starts measuring afresh: what a viewer sees as a freeze.
     */
    public Duration takeLongestFrameGap() {
        return frames.takeLongestGap();
    }

    /** How many generated frames were handed to the encoder; 0 when this peer sends no video. */
    public long videoFramesSent() {
        return videoSource == null ? 0 : videoSource.framesPushed();
    }

    /** The receiver-side stats of every incoming video stream, ordered by mid. */
    public List<InboundVideoStats> inboundVideoStats() {
        return InboundVideoStats.from(stats());
    }

    /** A full libwebrtc stats report, for numbers the other helpers do not cover. */
    public synchronized RTCStatsReport stats() {
        requireUsableFromThisThread();
        CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
        connection.getStats(report::complete);
        return await(report, "collect stats");
    }

    /**
     * Stops the generated video, closes the connection and releases the native objects. Order
     * matters to libwebrtc: nothing may push into a source or read a sink after its connection is
     * gone, and the factory goes before its audio module. Tracks are not disposed one by one: a
     * track that a sender still references refuses with {@link Error}, and the factory frees them.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (videoSource != null) {
            videoSource.stop();
        }
        for (VideoTrack track : remoteVideoTracks) {
            track.removeSink(frames);
        }
        connection.close();
        if (videoSource != null) {
            videoSource.close();
        }
        factory.dispose();
        audioModule.dispose();
    }

    @Override
    public String toString() {
        return "WebRtcPeer[" + name + "]";
    }

    private static RTCConfiguration configuration() {
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        configuration.rtcpMuxPolicy = RTCRtcpMuxPolicy.REQUIRE;
        // the relay listens on UDP only; TCP candidates would just be noise in the answer
        configuration.portAllocatorConfig = new PortAllocatorConfig().setDisableTcp(true);
        return configuration;
    }

    private void attachUplink(Map<String, String> uplink) {
        Map<String, String> wanted = uplink == null ? Map.of() : uplink;
        List<String> found = new ArrayList<>();
        for (RTCRtpTransceiver transceiver : connection.getTransceivers()) {
            String mid = transceiver.getMid();
            if (mid == null || !wanted.containsValue(mid)) {
                continue;
            }
            String kind = transceiver.getReceiver().getTrack().getKind();
            if (!mid.equals(wanted.get(kind))) {
                throw new IllegalStateException(name + ": uplink " + wanted + " names mid " + mid
                        + ", which the offer gives to " + kind);
            }
            found.add(mid);
            MediaStreamTrack track = MediaStreamTrack.AUDIO_TRACK_KIND.equals(kind) ? audioTrack : videoTrack;
            if (track == null) {
                transceiver.setDirection(RTCRtpTransceiverDirection.INACTIVE);
                continue;
            }
            RTCRtpSender sender = transceiver.getSender();
            MediaStreamTrack current = sender.getTrack();
            if (current == null || !track.getId().equals(current.getId())) {
                sender.replaceTrack(track);
                // an msid lets the relay and the receiving side group this peer's audio and video
                sender.setStreams(List.of(name));
            }
            // a transceiver born from a recvonly offer line is recvonly until told to send
            transceiver.setDirection(RTCRtpTransceiverDirection.SEND_ONLY);
        }
        if (found.size() != wanted.size()) {
            throw new IllegalStateException(name + ": the offer has no m-line for part of the uplink " + wanted
                    + " (found mids " + found + ")");
        }
    }

    private void startVideoOnce() {
        if (videoSource != null && videoTrack != null) {
            videoSource.start();
        }
    }

    private void awaitGathering(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (stateLock) {
            long left;
            while (gatheringState != RTCIceGatheringState.COMPLETE && (left = deadline - System.nanoTime()) > 0) {
                try {
                    stateLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void requireUsableFromThisThread() {
        if (callbackThreads.contains(Thread.currentThread())) {
            throw new IllegalStateException(name + ": called on a libwebrtc callback thread, which would wait on itself");
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(name + " is closed");
            }
        }
    }

    private CompletableFuture<Void> setRemote(RTCSessionDescription description) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        nativeCall(() -> connection.setRemoteDescription(description, new SetObserver(done)), done);
        return done;
    }

    private CompletableFuture<Void> setLocal(RTCSessionDescription description) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        nativeCall(() -> connection.setLocalDescription(description, new SetObserver(done)), done);
        return done;
    }

    /**
     * The binding reports some failures (an SDP it cannot parse, a refused description) by
     * throwing a plain {@link Error} from the call instead of calling the observer's onFailure.
     */
    private static void nativeCall(Runnable call, CompletableFuture<?> result) {
        try {
            call.run();
        } catch (Error e) {
            if (e.getClass() != Error.class) {
                throw e;
            }
            result.completeExceptionally(new IllegalStateException(e.getMessage(), e));
        }
    }

    private CompletableFuture<RTCSessionDescription> createAnswer() {
        CompletableFuture<RTCSessionDescription> done = new CompletableFuture<>();
        nativeCall(() -> connection.createAnswer(new RTCAnswerOptions(), new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                done.complete(description);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new IllegalStateException(error));
            }
        }), done);
        return done;
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + ": could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + ": libwebrtc did not " + what + " within " + STEP_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while waiting to " + what, e);
        }
    }

    private record SetObserver(CompletableFuture<Void> done) implements SetSessionDescriptionObserver {

        @Override
        public void onSuccess() {
            done.complete(null);
        }

        @Override
        public void onFailure(String error) {
            done.completeExceptionally(new IllegalStateException(error));
        }
    }

    /** Runs on libwebrtc's signaling thread: records state and hooks sinks up, never blocks. */
    private final class Observer implements PeerConnectionObserver {

        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            // nothing to send: the protocol carries no client candidates, the relay (ICE-lite)
            // learns the client's address from its checks, and the answer lists them anyway
            callbackThreads.add(Thread.currentThread());
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState state) {
            callbackThreads.add(Thread.currentThread());
            synchronized (stateLock) {
                gatheringState = state;
                stateLock.notifyAll();
            }
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            callbackThreads.add(Thread.currentThread());
            synchronized (stateLock) {
                connectionState = state;
                stateLock.notifyAll();
            }
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            callbackThreads.add(Thread.currentThread());
            MediaStreamTrack track = transceiver.getReceiver().getTrack();
            // each callback hands out a fresh Java wrapper, so identity is the track id
            if (track instanceof VideoTrack video && addSinkOnce(video.getId())) {
                video.addSink(frames);
                remoteVideoTracks.add(video);
            }
        }

        private boolean addSinkOnce(String trackId) {
            synchronized (sinkedTrackIds) {
                return sinkedTrackIds.add(trackId);
            }
        }
    }
}
