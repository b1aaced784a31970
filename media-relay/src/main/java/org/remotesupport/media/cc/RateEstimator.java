package org.remotesupport.media.cc;

/**
 * A bandwidth estimate for one path from what arrived on it, in the spirit of Google congestion
 * control (draft-ietf-rmcat-gcc-02), reduced to what a relay needs:
 * <ul>
 *   <li><b>delay-based</b>: packets are grouped into bursts sent within 5 ms; the change in one-way
 *   delay between consecutive groups is accumulated, smoothed, and the slope of its trend over the
 *   last 20 groups is compared with an adaptive threshold (libwebrtc's trendline filter). A rising
 *   trend means a queue is building: <i>overuse</i>;</li>
 *   <li><b>loss-based</b>: over each window of at least 20 packets, a loss rate above 10 % is
 *   congestion too;</li>
 *   <li><b>rate control</b>: on congestion the estimate drops to 85 % of the throughput the path
 *   delivered (on loss: to that throughput less half the loss rate); after that it grows by 8 % a
 *   second; before the first congestion and after 10 s free of it, it is only held at twice the delivered throughput plus
 *   200 kbit/s (the path took all that was sent, so the sender may at least double), and
 *   {@link #limiting} says it is no real limit. It never leaves 30 kbit/s to 20 Mbit/s.</li>
 * </ul>
 * Times are microseconds in two clocks: the sender's for send times and the receiver's for
 * arrivals; only differences within each are used. Allocation-free. Fed on one thread (the relay's
 * event loop); the getters may be read from any.
 */
public final class RateEstimator {

    static final long MIN_BPS = 30_000;
    /** The highest estimate, also what a lifted REMB cap states. */
    public static final long MAX_BPS = 20_000_000;
    private static final long BURST_MICROS = 5_000;
    private static final int WINDOW = 20;
    private static final double SMOOTHING = 0.9;
    private static final double THRESHOLD_GAIN = 4.0;
    private static final double K_UP = 0.0087;
    private static final double K_DOWN = 0.039;
    private static final long RATE_WINDOW_MICROS = 500_000;
    private static final long CALM_NANOS = 10_000_000_000L;
    private static final int LOSS_WINDOW_PACKETS = 20;

    // current group and the completed one before it
    private boolean inGroup;
    private long groupFirstSend;
    private long groupLastSend;
    private long groupLastArrival;
    private boolean havePrevious;
    private long previousSend;
    private long previousArrival;
    private long firstArrival = Long.MIN_VALUE;

    // trendline
    private double accumulatedDelayMs;
    private double smoothedDelayMs;
    private final double[] trendX = new double[WINDOW];
    private final double[] trendY = new double[WINDOW];
    private int trendCount;
    private int trendNext;
    private int deltaCount;
    private double threshold = 12.5;
    private long lastThresholdUpdateMicros = Long.MIN_VALUE;
    private boolean overusing;
    private double lastTrend;
    private int overuseCount;
    private long overuseSinceMicros;

    // delivered throughput
    private long rateWindowStart = Long.MIN_VALUE;
    private long rateWindowEnd;
    private long rateWindowBytes;
    private volatile long deliveredBps;

    // loss
    private int lossWindowPackets;
    private int lossWindowLost;
    private volatile double lastLossRate;
    private boolean lossCongested;

    // rate control
    private volatile long estimateBps;
    private long lastUpdateNanos = Long.MIN_VALUE;
    private volatile long lastCongestionNanos = Long.MIN_VALUE;
    private volatile long congestionEvents;

    /** A packet that arrived: its send time (sender clock), arrival time (receiver clock) and size in bytes. */
    public void onReceived(long sendMicros, long arrivalMicros, int size) {
        lossWindowPackets++;
        onDelivered(arrivalMicros, size);
        if (inGroup && sendMicros - groupFirstSend < BURST_MICROS && sendMicros >= groupFirstSend) {
            groupLastSend = Math.max(groupLastSend, sendMicros);
            groupLastArrival = Math.max(groupLastArrival, arrivalMicros);
            return;
        }
        if (inGroup) {
            if (sendMicros < groupFirstSend) {
                return; // reordered across groups: its delay says nothing about the queue
            }
            completeGroup();
        }
        inGroup = true;
        groupFirstSend = sendMicros;
        groupLastSend = sendMicros;
        groupLastArrival = arrivalMicros;
    }

    /** Packets that the path lost. */
    public void onLost(int count) {
        lossWindowPackets += count;
        lossWindowLost += count;
    }

    private void onDelivered(long arrivalMicros, int size) {
        if (firstArrival == Long.MIN_VALUE) {
            firstArrival = arrivalMicros;
        }
        if (rateWindowStart == Long.MIN_VALUE) {
            rateWindowStart = arrivalMicros;
            rateWindowEnd = arrivalMicros;
        }
        rateWindowBytes += size;
        rateWindowEnd = Math.max(rateWindowEnd, arrivalMicros);
        long span = rateWindowEnd - rateWindowStart;
        if (span >= RATE_WINDOW_MICROS) {
            long bps = rateWindowBytes * 8_000_000L / span;
            deliveredBps = deliveredBps == 0 ? bps : (deliveredBps + bps) / 2;
            rateWindowStart = rateWindowEnd;
            rateWindowBytes = 0;
        }
    }

    private void completeGroup() {
        if (havePrevious) {
            double sendDeltaMs = (groupLastSend - previousSend) / 1000.0;
            double arrivalDeltaMs = (groupLastArrival - previousArrival) / 1000.0;
            if (arrivalDeltaMs >= 0) {
                updateTrend(arrivalDeltaMs - sendDeltaMs, groupLastArrival);
            }
        }
        havePrevious = true;
        previousSend = groupLastSend;
        previousArrival = groupLastArrival;
    }

    private void updateTrend(double delayDeltaMs, long arrivalMicros) {
        deltaCount = Math.min(deltaCount + 1, 1000);
        accumulatedDelayMs += delayDeltaMs;
        smoothedDelayMs = SMOOTHING * smoothedDelayMs + (1 - SMOOTHING) * accumulatedDelayMs;
        trendX[trendNext] = (arrivalMicros - firstArrival) / 1000.0;
        trendY[trendNext] = smoothedDelayMs;
        trendNext = (trendNext + 1) % WINDOW;
        trendCount = Math.min(trendCount + 1, WINDOW);
        if (trendCount < WINDOW) {
            return;
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < WINDOW; i++) {
            meanX += trendX[i];
            meanY += trendY[i];
        }
        meanX /= WINDOW;
        meanY /= WINDOW;
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < WINDOW; i++) {
            numerator += (trendX[i] - meanX) * (trendY[i] - meanY);
            denominator += (trendX[i] - meanX) * (trendX[i] - meanX);
        }
        double slope = denominator == 0 ? 0 : numerator / denominator;
        double trend = slope * Math.min(deltaCount, 60) * THRESHOLD_GAIN;
        // overuse: the trend stayed above the threshold for two groups and 10 ms, and still rises (as
        // libwebrtc's detector: one late group on a busy machine is not a queue)
        if (trend > threshold) {
            if (overuseCount++ == 0) {
                overuseSinceMicros = arrivalMicros;
            }
            overusing = overuseCount > 1 && arrivalMicros - overuseSinceMicros >= 10_000 && trend >= lastTrend;
        } else {
            overuseCount = 0;
            overusing = false;
        }
        lastTrend = trend;
        // the threshold follows the trend slowly, faster downwards, ignoring spikes far above it
        if (lastThresholdUpdateMicros == Long.MIN_VALUE) {
            lastThresholdUpdateMicros = arrivalMicros;
        }
        if (Math.abs(trend) < threshold + 15) {
            double k = Math.abs(trend) < threshold ? K_DOWN : K_UP;
            double dtMs = Math.min((arrivalMicros - lastThresholdUpdateMicros) / 1000.0, 100);
            threshold = Math.max(6, Math.min(600, threshold + k * (Math.abs(trend) - threshold) * dtMs));
        }
        lastThresholdUpdateMicros = arrivalMicros;
    }

    /**
     * Updates the estimate from what was recorded since the last call; call after each batch of
     * packets (a feedback message, or a few hundred milliseconds of arrivals).
     *
     * @param nowNanos the relay's monotonic clock
     * @return the estimate in bits per second, 0 while nothing was delivered yet
     */
    public long update(long nowNanos) {
        lossCongested = false;
        if (lossWindowPackets >= LOSS_WINDOW_PACKETS) {
            lastLossRate = (double) lossWindowLost / lossWindowPackets;
            lossCongested = lastLossRate > 0.10;
            lossWindowPackets = 0;
            lossWindowLost = 0;
        }
        if (deliveredBps == 0) {
            return 0;
        }
        double seconds = lastUpdateNanos == Long.MIN_VALUE ? 0 : Math.min(1.0, (nowNanos - lastUpdateNanos) / 1e9);
        lastUpdateNanos = nowNanos;
        long ceiling = 2 * deliveredBps + 200_000;
        if (overusing || lossCongested) {
            if (lastCongestionNanos == Long.MIN_VALUE || nowNanos - lastCongestionNanos > 200_000_000L) {
                congestionEvents++;
                // on loss, what arrived less half the loss rate: GCC cuts what was sent by that, which
                // under heavy loss leaves a target above what the path delivers; a relay's cap must not
                long target = overusing ? deliveredBps * 85 / 100 : (long) (deliveredBps * (1 - 0.5 * lastLossRate));
                estimateBps = estimateBps == 0 ? target : Math.min(estimateBps, target);
            }
            lastCongestionNanos = nowNanos;
        } else if (lastCongestionNanos == Long.MIN_VALUE || nowNanos - lastCongestionNanos > CALM_NANOS) {
            estimateBps = ceiling;
        } else {
            estimateBps = Math.min(ceiling, (long) (estimateOr(deliveredBps) * Math.pow(1.08, seconds)) + 1);
        }
        estimateBps = Math.max(MIN_BPS, Math.min(MAX_BPS, estimateBps));
        return estimateBps;
    }

    /**
     * Whether the estimate is a real limit: the path showed congestion and the estimate has not yet
     * grown back to twice what it delivers. A sender need not be told about an estimate that is not.
     */
    public boolean limiting() {
        long delivered = deliveredBps;
        return lastCongestionNanos != Long.MIN_VALUE && estimateBps > 0 && estimateBps < 2 * delivered + 200_000;
    }

    private long estimateOr(long fallback) {
        return estimateBps == 0 ? fallback : estimateBps;
    }

    /** The latest estimate in bits per second; 0 before the first. */
    public long estimateBps() {
        return estimateBps;
    }

    /** The throughput the path delivered recently, in bits per second. */
    public long deliveredBps() {
        return deliveredBps;
    }

    /** The loss rate of the last complete loss window, 0 to 1. */
    public double lossRate() {
        return lastLossRate;
    }

    /** Whether the delay trend showed a building queue at the last group. */
    public boolean overusing() {
        return overusing;
    }

    /** How many times the estimate was cut for congestion. */
    public long congestionEvents() {
        return congestionEvents;
    }
}
