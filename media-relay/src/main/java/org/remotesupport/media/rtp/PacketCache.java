package org.remotesupport.media.rtp;

/**
 * The last packets of one forwarded RTP stream, unencrypted, by sequence number, so the relay can
 * answer a subscriber's NACK itself instead of asking the publisher. A fixed ring of slots whose
 * arrays are reused, so caching allocates nothing once warm. Confined to the relay's event loop.
 */
public final class PacketCache {

    private final byte[][] slots;
    private final int[] lengths;
    private final int[] sequences;
    private final int mask;

    /** {@code capacity} is rounded up to a power of two; 512 covers about two seconds of 720p video. */
    public PacketCache(int capacity) {
        int size = Integer.highestOneBit(Math.max(16, capacity) - 1) << 1;
        slots = new byte[size][];
        lengths = new int[size];
        sequences = new int[size];
        mask = size - 1;
        java.util.Arrays.fill(sequences, -1);
    }

    /** Stores a copy of the packet under its sequence number. */
    public void put(byte[] b, int off, int len) {
        int sequence = Rtp.sequence(b, off);
        int index = sequence & mask;
        byte[] slot = slots[index];
        if (slot == null || slot.length < len) {
            slot = new byte[Math.max(len, 1280)];
            slots[index] = slot;
        }
        System.arraycopy(b, off, slot, 0, len);
        lengths[index] = len;
        sequences[index] = sequence;
    }

    /**
     * Copies the packet with this sequence number to {@code out} at {@code off}; returns its length,
     * or -1 when it is no longer (or never was) in the cache.
     */
    public int get(int sequence, byte[] out, int off) {
        int index = sequence & mask;
        if (sequences[index] != sequence) {
            return -1;
        }
        System.arraycopy(slots[index], 0, out, off, lengths[index]);
        return lengths[index];
    }
}
