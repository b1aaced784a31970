package org.remotesupport.app.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The main class of a {@link WebRtcPeer} in a process of its own (so that it can run inside a
 * network namespace, see {@link PeerProcess}): arguments name, width, height and frame rate of the
 * generated video it sends (width 0: it sends nothing). Reads one JSON command per line on
 * standard input ({@code offer}, {@code stats}, {@code frames}, {@code gap}, {@code close}) and writes one JSON reply per line
 * on standard output; log output goes to standard error. Runs on its main thread.
 */
public final class PeerProcessMain {

    private PeerProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        // libwebrtc and the logging of the libraries may print to standard output: keep it for replies
        PrintStream replies = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        String name = args[0];
        int width = Integer.parseInt(args[1]);
        UplinkMedia uplink = width == 0 ? UplinkMedia.none()
                : UplinkMedia.audioAndVideo(new VideoFormat(width, Integer.parseInt(args[2]), Integer.parseInt(args[3])));
        try (WebRtcPeer peer = new WebRtcPeer(name, uplink)) {
            replies.println("{\"ready\":true}");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode command = json.readTree(line);
                ObjectNode reply = json.createObjectNode();
                try {
                    switch (command.path("op").asText()) {
                        case "offer" -> {
                            Map<String, String> mids = new HashMap<>();
                            command.path("uplink").fields().forEachRemaining(e -> mids.put(e.getKey(), e.getValue().asText()));
                            reply.put("answer", peer.applyOffer(command.path("sdp").asText(), mids));
                        }
                        case "stats" -> outboundVideo(peer.stats(), reply);
                        case "frames" -> {
                            ReceivedVideo video = peer.receivedVideo();
                            reply.put("frames", video.frames());
                            reply.put("width", video.width());
                            reply.put("height", video.height());
                            reply.put("spanNanos", video.span().toNanos());
                        }
                        case "gap" -> reply.put("gapNanos", peer.takeLongestFrameGap().toNanos());
                        case "close" -> {
                            replies.println("{\"closed\":true}");
                            return;
                        }
                        default -> reply.put("error", "unknown op");
                    }
                } catch (RuntimeException e) {
                    reply.put("error", e.toString());
                }
                replies.println(json.writeValueAsString(reply));
            }
        }
    }

    /** The sender's view of its video: bytes and frames sent, the encoder's target, the estimate. */
    private static void outboundVideo(RTCStatsReport report, ObjectNode reply) {
        for (RTCStats stats : report.getStats().values()) {
            Map<String, Object> values = stats.getAttributes();
            if (stats.getType() == RTCStatsType.OUTBOUND_RTP && "video".equals(values.get("kind"))) {
                reply.put("bytesSent", number(values.get("bytesSent")));
                reply.put("targetBitrate", number(values.get("targetBitrate")));
                reply.put("framesEncoded", number(values.get("framesEncoded")));
                reply.put("frameWidth", number(values.get("frameWidth")));
                reply.put("frameHeight", number(values.get("frameHeight")));
                reply.put("qualityLimitationReason", String.valueOf(values.get("qualityLimitationReason")));
            } else if (stats.getType() == RTCStatsType.CANDIDATE_PAIR && values.get("availableOutgoingBitrate") != null
                    && Boolean.TRUE.equals(values.get("nominated"))) {
                reply.put("availableOutgoingBitrate", number(values.get("availableOutgoingBitrate")));
            }
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
