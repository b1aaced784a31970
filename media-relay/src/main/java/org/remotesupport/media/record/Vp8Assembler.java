package org.remotesupport.media.record;

import java.util.Arrays;

/**
 * Rebuilds VP8 frames from the payloads of one RTP stream (RFC 7741): strips each payload
 * descriptor and joins a frame's partitions. A gap in sequence numbers throws away the frame it
 * hits and every frame after it until the next keyframe, so a recording never holds a frame
 * decoded against a reference it lacks (no smeared picture). Used by the recording thread only.
 */
final class Vp8Assembler {

    /** What one packet did. */
    enum Outcome {
        /** Part of a frame not complete yet. */
        PENDING,
        /** Completed a frame: read it with {@link #frame()}. */
        FRAME,
        /** A gap was found (or the packet could not be used): ask the sender for a keyframe. */
        GAP,
        /** A complete frame thrown away while waiting for a keyframe. */
        SKIPPED,
        /** Older than what was already assembled, or a duplicate. */
        LATE
    }

    private int expected = -1;
    private boolean inFrame;
    private long frameTimestamp;
    private byte[] buffer = new byte[64 * 1024];
    private int length;
    private boolean waitingForKeyframe = true;
    private byte[] frame;
    private boolean frameIsKey;

    /** Takes one RTP packet's payload; {@code data[offset..offset+length)} is the payload only. */
    Outcome push(int sequence, long timestamp, boolean marker, byte[] data, int offset, int payloadLength) {
        boolean gap = false;
        if (expected >= 0 && sequence != expected) {
            int delta = (short) (sequence - expected);
            if (delta < 0) {
                return Outcome.LATE;
            }
            gap = true;
        }
        expected = (sequence + 1) & 0xffff;
        if (gap) {
            inFrame = false;
            waitingForKeyframe = true;
        }
        int header = descriptorLength(data, offset, payloadLength);
        if (header < 0 || header >= payloadLength) {
            inFrame = false;
            waitingForKeyframe = true;
            return Outcome.GAP;
        }
        boolean start = (data[offset] & 0x10) != 0 && (data[offset] & 0x07) == 0;
        if (start) {
            inFrame = true;
            frameTimestamp = timestamp;
            length = 0;
        } else if (!inFrame || timestamp != frameTimestamp) {
            // the frame's first packet was lost: nothing of it can be used
            inFrame = false;
            waitingForKeyframe = true;
            return Outcome.GAP;
        }
        append(data, offset + header, payloadLength - header);
        if (!marker) {
            return gap ? Outcome.GAP : Outcome.PENDING;
        }
        inFrame = false;
        boolean key = (buffer[0] & 0x01) == 0;
        if (waitingForKeyframe && !key) {
            return gap ? Outcome.GAP : Outcome.SKIPPED;
        }
        waitingForKeyframe = false;
        frame = Arrays.copyOf(buffer, length);
        frameIsKey = key;
        return Outcome.FRAME;
    }

    /** Whether frames are being skipped until a keyframe arrives. */
    boolean waitingForKeyframe() {
        return waitingForKeyframe;
    }

    byte[] frame() {
        return frame;
    }

    long frameTimestamp() {
        return frameTimestamp;
    }

    boolean frameIsKey() {
        return frameIsKey;
    }

    /** Width and height of a keyframe (from its uncompressed header), or null if it is too short. */
    static int[] dimensions(byte[] keyframe) {
        if (keyframe.length < 10 || (keyframe[3] & 0xff) != 0x9d || (keyframe[4] & 0xff) != 0x01
                || (keyframe[5] & 0xff) != 0x2a) {
            return null;
        }
        int width = ((keyframe[6] & 0xff) | (keyframe[7] & 0xff) << 8) & 0x3fff;
        int height = ((keyframe[8] & 0xff) | (keyframe[9] & 0xff) << 8) & 0x3fff;
        return new int[] {width, height};
    }

    private void append(byte[] data, int offset, int count) {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
        System.arraycopy(data, offset, buffer, length, count);
        length += count;
    }

    /** Length of the VP8 payload descriptor at {@code offset}, or -1 if the payload is too short for it. */
    static int descriptorLength(byte[] data, int offset, int available) {
        if (available < 1) {
            return -1;
        }
        int at = 1;
        if ((data[offset] & 0x80) != 0) {
            if (available < 2) {
                return -1;
            }
            int extension = data[offset + 1] & 0xff;
            at = 2;
            if ((extension & 0x80) != 0) {
                if (available <= at) {
                    return -1;
                }
                at += (data[offset + at] & 0x80) != 0 ? 2 : 1;
            }
            if ((extension & 0x40) != 0) {
                at++;
            }
            if ((extension & 0x30) != 0) {
                at++;
            }
        }
        return at <= available ? at : -1;
    }
}
