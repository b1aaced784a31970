package org.remotesupport.signaling;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.relay.RelayException;
import org.remotesupport.protocol.relay.RelayOffer;
import org.remotesupport.protocol.relay.RelayRecording;

/**
 * A stand-in for the media relay in signaling-only tests: records every control call, answers
 * {@code allocate} with a fixed but syntactically valid SDP offer, checks answers the way a relay
 * would (known endpoint, current revision, SDP that starts with {@code v=0}) and lets a test raise
 * relay events. It moves no media; the real relay is tested end to end elsewhere.
 */
public final class FakeRelayControl implements RelayControl {

    /** One recorded control call. */
    public record Call(String operation, String sessionId, String endpointId, int revision, String sdp) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> revisions = new ConcurrentHashMap<>();
    private final AtomicReference<RuntimeException> nextAllocateFailure = new AtomicReference<>();
    private volatile RelayEvents events = RelayEvents.NONE;
    private final Map<String, String> recordings = new ConcurrentHashMap<>();

    @Override
    public RelayOffer allocate(String sessionId, String endpointId) {
        calls.add(new Call("allocate", sessionId, endpointId, 0, null));
        RuntimeException failure = nextAllocateFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        if (revisions.putIfAbsent(endpointId, 1) != null) {
            throw new RelayException(RelayException.Reason.ENDPOINT_EXISTS, "endpoint " + endpointId + " exists");
        }
        return offer(endpointId, 1);
    }

    @Override
    public void answer(String endpointId, int revision, String sdp) {
        calls.add(new Call("answer", null, endpointId, revision, sdp));
        Integer current = revisions.get(endpointId);
        if (current == null) {
            throw new RelayException(RelayException.Reason.UNKNOWN_ENDPOINT, "no endpoint " + endpointId);
        }
        if (current != revision) {
            throw new RelayException(RelayException.Reason.STALE_REVISION,
                    "revision " + revision + " is not the outstanding offer " + current);
        }
        if (!sdp.startsWith("v=0")) {
            throw new RelayException(RelayException.Reason.INVALID_SDP, "not an SDP answer");
        }
    }

    /** Like the relay: a new offer (new revision) that replaces any outstanding one. */
    @Override
    public RelayOffer restartIce(String endpointId) {
        calls.add(new Call("restartIce", null, endpointId, 0, null));
        if (!revisions.containsKey(endpointId)) {
            throw new RelayException(RelayException.Reason.UNKNOWN_ENDPOINT, "no endpoint " + endpointId);
        }
        return offer(endpointId, revisions.merge(endpointId, 1, Integer::sum));
    }

    @Override
    public void release(String endpointId) {
        calls.add(new Call("release", null, endpointId, 0, null));
        revisions.remove(endpointId);
    }

    @Override
    public void startRecording(String sessionId, String recordingId, String videoEndpointId) {
        calls.add(new Call("startRecording", sessionId, videoEndpointId == null ? sessionId + "." : videoEndpointId, 0,
                recordingId));
        if (recordings.putIfAbsent(sessionId, recordingId) != null) {
            throw new RelayException(RelayException.Reason.RECORDING_UNAVAILABLE, "already recording");
        }
    }

    @Override
    public RelayRecording stopRecording(String sessionId) {
        String recordingId = recordings.remove(sessionId);
        calls.add(new Call("stopRecording", sessionId, sessionId + ".", 0, recordingId));
        return recordingId == null ? null
                : new RelayRecording(recordingId, recordingId + ".webm", 1234, 2000, 640, 480, 2, Map.of());
    }

    /** Recording ids of the sessions being recorded. */
    public Map<String, String> recordings() {
        return Map.copyOf(recordings);
    }

    @Override
    public void setEvents(RelayEvents events) {
        this.events = events;
    }

    /** Whether someone registered for relay events. */
    public boolean hasEventListener() {
        return events != RelayEvents.NONE;
    }

    /** Makes the next {@code allocate} throw this. */
    public void failNextAllocate(RuntimeException failure) {
        nextAllocateFailure.set(failure);
    }

    /** Writes a new offer for an endpoint, as the relay does when someone starts publishing, and raises the event. */
    public RelayOffer reoffer(String endpointId) {
        RelayOffer offer = offer(endpointId, revisions.merge(endpointId, 1, Integer::sum));
        events.offer(endpointId, offer);
        return offer;
    }

    /** Raises a state change for an endpoint. */
    public void changeState(String endpointId, RelayEvents.EndpointState state) {
        events.stateChanged(endpointId, state);
    }

    /** Calls recorded so far for one endpoint, in order. */
    public List<Call> callsFor(String endpointId) {
        return calls.stream().filter(c -> endpointId.equals(c.endpointId())).toList();
    }

    /** Calls recorded so far for endpoints of one session, in order. */
    public List<Call> callsInSession(String sessionId) {
        return calls.stream().filter(c -> c.endpointId().startsWith(sessionId + ".")).toList();
    }

    /** Whether the endpoint is currently allocated. */
    public boolean isAllocated(String endpointId) {
        return revisions.containsKey(endpointId);
    }

    /** The SDP this fake offers: ICE-lite, one receive-only audio and video m-line, bundled. */
    public static String offerSdp(String endpointId, int revision) {
        return String.join("\r\n",
                "v=0",
                "o=- 4611731400430051336 " + revision + " IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=ice-lite",
                "a=group:BUNDLE 0 1",
                "a=msid-semantic: WMS",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:" + Integer.toHexString(endpointId.hashCode()),
                "a=ice-pwd:0123456789abcdef01234567",
                "a=fingerprint:sha-256 7A:3B:4F:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD",
                "a=setup:actpass",
                "a=mid:0",
                "a=recvonly",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host",
                "m=video 9 UDP/TLS/RTP/SAVPF 96",
                "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:" + Integer.toHexString(endpointId.hashCode()),
                "a=ice-pwd:0123456789abcdef01234567",
                "a=fingerprint:sha-256 7A:3B:4F:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD",
                "a=setup:actpass",
                "a=mid:1",
                "a=recvonly",
                "a=rtcp-mux",
                "a=rtpmap:96 VP8/90000",
                "");
    }

    private static RelayOffer offer(String endpointId, int revision) {
        return new RelayOffer(endpointId, revision, offerSdp(endpointId, revision), Map.of("audio", "0", "video", "1"));
    }
}
