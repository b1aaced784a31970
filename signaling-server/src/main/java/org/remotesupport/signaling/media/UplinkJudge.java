package org.remotesupport.signaling.media;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.remotesupport.protocol.relay.UplinkReport;

/**
 * Decides, from the relay's reports of what arrived of a publisher's video, whether its uplink
 * carries video or the publisher should fall back to photos, with hysteresis: the link must stay
 * too poor for {@code engageAfter} before photos replace video, and clearly good for
 * {@code recoverAfter} before video returns. An interval without any video packets (a paused camera)
 * is not judged and restarts the wait. Thread-safe; each endpoint's reports must come in order.
 */
final class UplinkJudge {

    /** How a publisher sends its picture. */
    enum Mode {
        VIDEO, SNAPSHOTS;

        String wire() {
            return this == VIDEO ? "video" : "snapshots";
        }
    }

    /** A change of mode, with what was measured when it was decided. */
    record Decision(Mode mode, String reason, long uplinkKbps, double lossPercent) {
    }

    // an endpoint that stopped reporting (released, session over) is forgotten after this long
    private static final long FORGET_AFTER_MILLIS = 120_000;

    private final FallbackProperties settings;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger reportsSinceSweep = new java.util.concurrent.atomic.AtomicInteger();

    UplinkJudge(FallbackProperties settings) {
        this.settings = settings;
    }

    private static final class State {
        Mode mode = Mode.VIDEO;
        long since = -1;
        long lastReportMillis;
    }

    /** The mode the endpoint is in: video until a report said otherwise. */
    Mode mode(String endpointId) {
        State state = states.get(endpointId);
        return state == null ? Mode.VIDEO : state.mode;
    }

    /** Forgets an endpoint (released or rejoining); returns the mode it was in. */
    Mode forget(String endpointId) {
        State state = states.remove(endpointId);
        return state == null ? Mode.VIDEO : state.mode;
    }

    /**
     * Takes the report of an interval that ended at {@code nowMillis}; returns the new mode when it
     * changes.
     */
    Optional<Decision> report(String endpointId, long nowMillis, UplinkReport report) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        sweep(nowMillis);
        State state = states.computeIfAbsent(endpointId, id -> new State());
        synchronized (state) {
            state.lastReportMillis = nowMillis;
            long kbps = report.videoBps() / 1000;
            double lossPercent = Math.round(report.lossFraction() * 1000) / 10.0;
            if (report.videoPackets() == 0) {
                state.since = -1;
                return Optional.empty();
            }
            long intervalStart = nowMillis - report.intervalMillis();
            if (state.mode == Mode.VIDEO) {
                boolean lossy = lossPercent > settings.engageLossPercent();
                boolean slow = kbps < settings.engageBelowKbps();
                if (!lossy && !slow) {
                    state.since = -1;
                    return Optional.empty();
                }
                if (state.since < 0) {
                    state.since = intervalStart;
                }
                if (nowMillis - state.since < settings.engageAfter().toMillis()) {
                    return Optional.empty();
                }
                state.mode = Mode.SNAPSHOTS;
                state.since = -1;
                return Optional.of(new Decision(Mode.SNAPSHOTS, lossy ? "loss" : "bitrate", kbps, lossPercent));
            }
            boolean good = kbps >= settings.recoverAboveKbps() && lossPercent <= settings.recoverLossPercent();
            if (!good) {
                state.since = -1;
                return Optional.empty();
            }
            if (state.since < 0) {
                state.since = intervalStart;
            }
            if (nowMillis - state.since < settings.recoverAfter().toMillis()) {
                return Optional.empty();
            }
            state.mode = Mode.VIDEO;
            state.since = -1;
            return Optional.of(new Decision(Mode.VIDEO, "recovered", kbps, lossPercent));
        }
    }

    private void sweep(long nowMillis) {
        // reports come about once a second per publisher: an occasional scan keeps the map small
        if (reportsSinceSweep.incrementAndGet() < 256) {
            return;
        }
        reportsSinceSweep.set(0);
        states.entrySet().removeIf(e -> nowMillis - e.getValue().lastReportMillis > FORGET_AFTER_MILLIS);
    }
}
