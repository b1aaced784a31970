package org.remotesupport.media.forward;

import org.remotesupport.media.rtp.Rtp;
import org.remotesupport.media.rtp.VideoPayload;

/**
 * Turns the packets of one published video track (a single stream, or up to three simulcast
 * layers) into the one continuous stream a subscriber receives: forwards one layer at a time,
 * switches to another only at a keyframe of that layer, and rewrites SSRC, sequence number, RTP
 * timestamp and VP8 picture id / TL0PICIDX so that the receiver sees no jump. Remembers the last
 * few mappings so a NACK for a packet sent before a switch still finds its source. Takes plain
 * RTP packets and rewrites them in place; allocation-free after construction. Event loop only.
 */
final class LayerForwarder {

    /** No layer: nothing is forwarded. */
    static final int NONE = -1;
    private static final int SEGMENTS = 8;
    private static final int AHEAD_LIMIT = 1024;
    private static final long NANOS_PER_TICK = 1_000_000_000L / 90_000;

    final long outputSsrc;
    private final boolean vp8;
    private final boolean h264;

    private int current = NONE;
    private int target = NONE;
    private boolean started;
    private int lastSequence;
    private long lastTimestamp;
    private int lastPictureId = VideoPayload.ABSENT;
    private int lastTl0 = VideoPayload.ABSENT;
    private long lastSentNanos;

    // mappings, newest at (next - 1) mod SEGMENTS
    private final int[] segmentLayer = new int[SEGMENTS];
    private final int[] segmentStart = new int[SEGMENTS];
    private final int[] seqDelta = new int[SEGMENTS];
    private final long[] tsDelta = new long[SEGMENTS];
    private final int[] pidDelta = new int[SEGMENTS];
    private final int[] tl0Delta = new int[SEGMENTS];
    private int segments;
    private int next;

    // switching and keyframe-request bookkeeping, used by RelayCore's selection
    long targetSinceNanos;
    long lastRequestNanos;
    private long switches;

    LayerForwarder(long outputSsrc, boolean vp8, boolean h264) {
        this.outputSsrc = outputSsrc;
        this.vp8 = vp8;
        this.h264 = h264;
    }

    /** The layer being forwarded, or {@link #NONE}. */
    int current() {
        return current;
    }

    /** The layer wanted; forwarding moves to it at its next keyframe. */
    int target() {
        return target;
    }

    /** Switches completed (keyframe reached), the first start excluded. */
    long switches() {
        return switches;
    }

    /**
     * Sets the layer wanted. {@link #NONE} stops forwarding at once (the subscriber's link cannot
     * carry the stream); another layer takes over at its next keyframe, or at once if nothing was
     * forwarded yet, since a receiver that just joined asks for a keyframe itself.
     */
    void target(int layer, long nowNanos) {
        if (layer == target) {
            return;
        }
        target = layer;
        targetSinceNanos = nowNanos;
        if (layer == NONE) {
            current = NONE;
        }
    }

    /**
     * Stops forwarding the current layer before the target's keyframe comes: for a layer so far
     * beyond the subscriber's link that its frames would only fill the queue the keyframe must pass.
     */
    void dropCurrent() {
        if (target != current) {
            current = NONE;
        }
    }

    /** Whether a keyframe of the target layer is awaited. */
    boolean switchPending() {
        return target != NONE && target != current;
    }

    /**
     * Decides about one packet of {@code layer} and, if it is to be forwarded, rewrites it in place.
     *
     * @return whether the packet goes to the subscriber
     */
    boolean forward(int layer, byte[] b, int off, int len, long nowNanos) {
        if (layer == target && layer != current) {
            if (started && !keyframeStart(b, off, len)) {
                return layer == current;
            }
            startSegment(layer, b, off, len, nowNanos);
        } else if (layer != current || current == NONE) {
            return false;
        }
        apply(newest(), b, off, len);
        int sequence = Rtp.sequence(b, off);
        if (((sequence - lastSequence) & 0xffff) < 0x8000) {
            lastSequence = sequence;
            lastTimestamp = Rtp.timestamp(b, off);
            lastSentNanos = nowNanos;
            if (vp8) {
                int at = VideoPayload.vp8PictureIdAt(b, off, len);
                if (at >= 0) {
                    lastPictureId = VideoPayload.vp8PictureId(b, at);
                }
                int tl0At = VideoPayload.vp8Tl0PicIdxAt(b, off, len);
                if (tl0At >= 0) {
                    lastTl0 = b[tl0At] & 0xff;
                }
            }
        }
        return true;
    }

    private boolean keyframeStart(byte[] b, int off, int len) {
        return vp8 ? VideoPayload.vp8KeyframeStart(b, off, len) : h264 && VideoPayload.h264KeyframeStart(b, off, len);
    }

    private void startSegment(int layer, byte[] b, int off, int len, long nowNanos) {
        int slot = next;
        next = (next + 1) % SEGMENTS;
        segments = Math.min(segments + 1, SEGMENTS);
        int sequence = Rtp.sequence(b, off);
        long timestamp = Rtp.timestamp(b, off);
        segmentLayer[slot] = layer;
        if (!started) {
            // the first stream keeps its numbers: without simulcast the receiver sees the publisher's own
            seqDelta[slot] = 0;
            tsDelta[slot] = 0;
            pidDelta[slot] = 0;
            tl0Delta[slot] = 0;
            segmentStart[slot] = sequence;
            lastSequence = (sequence - 1) & 0xffff;
            started = true;
        } else {
            int first = (lastSequence + 1) & 0xffff;
            seqDelta[slot] = (first - sequence) & 0xffff;
            segmentStart[slot] = first;
            // the new stream's clock continues from the old one's by the wall time in between
            long elapsedTicks = Math.max(1, (nowNanos - lastSentNanos) / NANOS_PER_TICK);
            tsDelta[slot] = (lastTimestamp + elapsedTicks - timestamp) & 0xffffffffL;
            int pictureAt = vp8 ? VideoPayload.vp8PictureIdAt(b, off, len) : VideoPayload.ABSENT;
            if (pictureAt >= 0 && lastPictureId != VideoPayload.ABSENT) {
                int width = VideoPayload.vp8LongPictureId(b, pictureAt) ? 0x7fff : 0x7f;
                pidDelta[slot] = (lastPictureId + 1 - VideoPayload.vp8PictureId(b, pictureAt)) & width;
            } else {
                pidDelta[slot] = 0;
            }
            int tl0At = vp8 ? VideoPayload.vp8Tl0PicIdxAt(b, off, len) : VideoPayload.ABSENT;
            tl0Delta[slot] = tl0At >= 0 && lastTl0 != VideoPayload.ABSENT ? (lastTl0 + 1 - (b[tl0At] & 0xff)) & 0xff : 0;
            switches++;
        }
        current = layer;
    }

    private int newest() {
        return (next + SEGMENTS - 1) % SEGMENTS;
    }

    private void apply(int slot, byte[] b, int off, int len) {
        Rtp.put16(b, off + 2, (Rtp.sequence(b, off) + seqDelta[slot]) & 0xffff);
        Rtp.put32(b, off + 4, (Rtp.timestamp(b, off) + tsDelta[slot]) & 0xffffffffL);
        Rtp.put32(b, off + 8, outputSsrc);
        if (vp8) {
            int at = VideoPayload.vp8PictureIdAt(b, off, len);
            if (at >= 0 && pidDelta[slot] != 0) {
                VideoPayload.putVp8PictureId(b, at, VideoPayload.vp8PictureId(b, at) + pidDelta[slot]);
            }
            int tl0At = VideoPayload.vp8Tl0PicIdxAt(b, off, len);
            if (tl0At >= 0) {
                b[tl0At] = (byte) ((b[tl0At] & 0xff) + tl0Delta[slot]);
            }
        }
    }

    /**
     * The mapping that sent output sequence number {@code sequence}, for a NACK: an index for
     * {@link #layerOf}, {@link #sourceSequence} and {@link #rewriteRetransmission}, or -1 when the
     * number was never sent or is older than the mappings remembered.
     */
    int segmentFor(int sequence) {
        if (!started) {
            return -1;
        }
        if (((lastSequence - sequence) & 0xffff) >= 0x8000) {
            // ahead of the newest sent: the relay never got it from the current layer (lost upstream)
            return ((sequence - lastSequence) & 0xffff) < AHEAD_LIMIT ? newest() : -1;
        }
        int end = (lastSequence + 1) & 0xffff;
        for (int i = 0; i < segments; i++) {
            int slot = (next + SEGMENTS - 1 - i) % SEGMENTS;
            int start = segmentStart[slot];
            int span = (end - start) & 0xffff;
            if (((sequence - start) & 0xffff) < span) {
                return slot;
            }
            end = start;
        }
        return -1;
    }

    /** Whether {@code segment} is the mapping in use: packets of older ones precede the keyframe decoding restarted at. */
    boolean isCurrent(int segment) {
        return segment == newest();
    }

    int layerOf(int segment) {
        return segmentLayer[segment];
    }

    /** The source layer's sequence number of an output sequence number in {@code segment}. */
    int sourceSequence(int segment, int sequence) {
        return (sequence - seqDelta[segment]) & 0xffff;
    }

    /** Rewrites a cached packet of the segment's layer for resending; the stream's position is unchanged. */
    void rewriteRetransmission(int segment, byte[] b, int off, int len) {
        apply(segment, b, off, len);
    }

    /**
     * The RTP timestamp the receiver sees for a source timestamp of {@code layer}, for translating
     * a sender report; -1 when that layer is not the one forwarded.
     */
    long outputTimestamp(int layer, long sourceTimestamp) {
        if (current == NONE || layer != current) {
            return -1;
        }
        return (sourceTimestamp + tsDelta[newest()]) & 0xffffffffL;
    }

    // ---------------------------------------------------------------- layer selection

    /** A layer is left when its rate exceeds the subscriber's estimate by this factor. */
    static final double DOWN_FACTOR = 1.5;
    /** A limited link takes a higher layer only when the estimate exceeds its rate by this factor. */
    static final double UP_FACTOR = 1.2;
    /** A single stream is held back when its rate exceeds the estimate by this factor... */
    static final double PAUSE_FACTOR = 2.5;
    /** ...and resumes when it is no more than this factor above it (or the link is no longer the limit). */
    static final double RESUME_FACTOR = 1.25;
    static final long MIN_PAUSE_NANOS = 1_000_000_000L;
    private static final long FIRST_UP_HOLD_NANOS = 5_000_000_000L;
    private static final long MAX_UP_HOLD_NANOS = 60_000_000_000L;
    /** A fall back down within this time of climbing means the climb failed: wait longer next time. */
    private static final long FAILED_CLIMB_NANOS = 10_000_000_000L;

    private long lastDownNanos = Long.MIN_VALUE;
    private long lastUpNanos = Long.MIN_VALUE;
    private long upHoldNanos = FIRST_UP_HOLD_NANOS;

    /**
     * The layer this subscriber should get now and remembers the decision's history.
     *
     * @param rates    each layer's bitrate, lowest layer first; 0 for a layer not sending
     * @param estimate the subscriber's downlink estimate (its share of it), 0 when unknown
     * @param limiting whether the estimate is a real limit (the link congested recently)
     * @param delivered what the link delivered lately (0 when unknown): while it is the limit, a
     *                  move down aims at no more than that, since the estimate lags a falling link
     */
    int choose(long[] rates, int count, long estimate, boolean limiting, long delivered, long nowNanos) {
        int lowest = NONE;
        int top = NONE;
        int active = 0;
        for (int i = 0; i < count; i++) {
            if (rates[i] > 0) {
                lowest = lowest == NONE ? i : lowest;
                top = i;
                active++;
            }
        }
        if (top == NONE) {
            return target; // nothing measured yet
        }
        int base = target != NONE ? target : current;
        if (active == 1) {
            // one stream only: nothing lower to move to, so hold it back rather than let the
            // subscriber's queue overflow, and resume at a keyframe once it fits again
            if (target == NONE && current == NONE && started) {
                boolean fits = !limiting || estimate <= 0 || rates[top] <= estimate * RESUME_FACTOR;
                return fits && nowNanos - targetSinceNanos >= MIN_PAUSE_NANOS ? top : NONE;
            }
            if (limiting && estimate > 0 && rates[top] > estimate * PAUSE_FACTOR) {
                return NONE;
            }
            return top;
        }
        if (estimate <= 0) {
            return top;
        }
        if (base != NONE && base < count && rates[base] > 0) {
            if (!(limiting && rates[base] > estimate * DOWN_FACTOR)) {
                int best = base;
                for (int i = base + 1; i < count; i++) {
                    if (rates[i] <= 0) {
                        continue;
                    }
                    boolean fits = limiting ? rates[i] * UP_FACTOR <= estimate
                            : lastDownNanos == Long.MIN_VALUE || nowNanos - lastDownNanos >= upHoldNanos;
                    if (fits) {
                        best = i;
                        if (!limiting) {
                            break; // an unlimited link climbs one layer at a time
                        }
                    }
                }
                if (best > base) {
                    lastUpNanos = nowNanos;
                }
                return best;
            }
            long room = delivered > 0 ? Math.min(estimate, delivered) : estimate;
            int best = lowest;
            for (int i = lowest; i < base; i++) {
                if (rates[i] > 0 && rates[i] <= room) {
                    best = i;
                }
            }
            if (lastUpNanos != Long.MIN_VALUE && nowNanos - lastUpNanos < FAILED_CLIMB_NANOS) {
                upHoldNanos = Math.min(upHoldNanos * 2, MAX_UP_HOLD_NANOS);
            }
            lastDownNanos = nowNanos;
            return best;
        }
        int best = lowest;
        for (int i = lowest; i < count; i++) {
            if (rates[i] > 0 && (!limiting || rates[i] <= estimate)) {
                best = i;
            }
        }
        return best;
    }

    /** Whether the forwarder started a stream (the first packet went out). */
    boolean started() {
        return started;
    }
}
