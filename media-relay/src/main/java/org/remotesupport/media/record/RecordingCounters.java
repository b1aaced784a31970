package org.remotesupport.media.record;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The recording tap's metrics: {@code relay.recording.dropped{reason}}, {@code relay.recording.frames{kind}}
 * and the gauge {@code relay.recordings.active}. Thread-safe; shared by every recording of a relay.
 */
public final class RecordingCounters {

    private final Map<RecordingDrop, Counter> dropped = new EnumMap<>(RecordingDrop.class);
    private final Counter videoFrames;
    private final Counter audioFrames;
    private final AtomicInteger active = new AtomicInteger();

    public RecordingCounters(MeterRegistry registry) {
        for (RecordingDrop reason : RecordingDrop.values()) {
            dropped.put(reason, Counter.builder("relay.recording.dropped").tag("reason", reason.wire())
                    .description("packets or frames the recording tap left out of files").register(registry));
        }
        videoFrames = Counter.builder("relay.recording.frames").tag("kind", "video")
                .description("frames written to recordings").register(registry);
        audioFrames = Counter.builder("relay.recording.frames").tag("kind", "audio")
                .description("frames written to recordings").register(registry);
        registry.gauge("relay.recordings.active", active);
    }

    void dropped(RecordingDrop reason) {
        dropped.get(reason).increment();
    }

    void frame(boolean video) {
        (video ? videoFrames : audioFrames).increment();
    }

    void started() {
        active.incrementAndGet();
    }

    void ended() {
        active.decrementAndGet();
    }

    /** Total drops for a reason since the relay started. */
    public long droppedCount(RecordingDrop reason) {
        return (long) dropped.get(reason).count();
    }
}
