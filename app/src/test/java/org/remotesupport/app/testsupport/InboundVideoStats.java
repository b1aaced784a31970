package org.remotesupport.app.testsupport;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The receiver's own view of one incoming video stream, taken from an {@code inbound-rtp} entry of
 * libwebrtc's stats report; an immutable snapshot, usable from any thread. Counters that libwebrtc
 * has not reported yet are 0, the codec is null until one is known.
 *
 * @param mid             the m-line the stream arrives on
 * @param codec           MIME type of the codec, e.g. {@code video/VP8}
 * @param packetsReceived RTP packets received
 * @param packetsLost     RTP packets lost (may be negative with duplicates, as in the standard)
 * @param framesDecoded   frames the decoder produced
 * @param frameWidth      width of the last decoded frame
 * @param frameHeight     height of the last decoded frame
 * @param framesPerSecond decoded frames in the last second, as libwebrtc measures it
 */
public record InboundVideoStats(String mid, String codec, long packetsReceived, long packetsLost,
                                long framesDecoded, long frameWidth, long frameHeight, double framesPerSecond) {

    /** Every inbound video stream in the report, ordered by mid. */
    static List<InboundVideoStats> from(RTCStatsReport report) {
        Map<String, RTCStats> all = report.getStats();
        List<InboundVideoStats> result = new ArrayList<>();
        for (RTCStats stats : all.values()) {
            Map<String, Object> values = stats.getAttributes();
            if (stats.getType() != RTCStatsType.INBOUND_RTP || !"video".equals(values.get("kind"))) {
                continue;
            }
            RTCStats codec = all.get(String.valueOf(values.get("codecId")));
            result.add(new InboundVideoStats(
                    String.valueOf(values.get("mid")),
                    codec == null ? null : (String) codec.getAttributes().get("mimeType"),
                    number(values, "packetsReceived"),
                    number(values, "packetsLost"),
                    number(values, "framesDecoded"),
                    number(values, "frameWidth"),
                    number(values, "frameHeight"),
                    values.get("framesPerSecond") instanceof Number fps ? fps.doubleValue() : 0));
        }
        result.sort(Comparator.comparing(InboundVideoStats::mid));
        return result;
    }

    // the binding maps counters to Long, Integer or BigInteger depending on the native type
    private static long number(Map<String, Object> values, String name) {
        return values.get(name) instanceof Number n ? n.longValue() : 0;
    }
}
