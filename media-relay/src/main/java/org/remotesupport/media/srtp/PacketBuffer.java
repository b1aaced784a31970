package org.remotesupport.media.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A mutable view of one packet inside a byte array, which jitsi-srtp encrypts and decrypts in
 * place. The array must have room for the authentication tag (and the SRTCP index) after the
 * packet: {@link #grow} never reallocates, so the hot path allocates nothing. Confined to one thread.
 */
public final class PacketBuffer implements ByteArrayBuffer {

    /** Room that SRTP/SRTCP protection may append: a 16-byte GCM tag plus the 4-byte SRTCP index. */
    public static final int TRAILER_ROOM = 20;

    private byte[] buffer;
    private int offset;
    private int length;
    private int limit;

    public PacketBuffer() {
    }

    public PacketBuffer(byte[] buffer, int offset, int length) {
        wrap(buffer, offset, length);
    }

    /** Points this view at {@code length} bytes of {@code buffer} from {@code offset}, free to grow to the array's end; returns this. */
    public PacketBuffer wrap(byte[] buffer, int offset, int length) {
        return wrap(buffer, offset, length, buffer.length - offset);
    }

    /**
     * Points this view at {@code length} bytes of {@code buffer} from {@code offset}, allowed to grow
     * to {@code capacity} bytes (a pooled buffer shares its array with others); returns this.
     */
    public PacketBuffer wrap(byte[] buffer, int offset, int length, int capacity) {
        if (offset < 0 || length < 0 || length > capacity || offset + capacity > buffer.length) {
            throw new IllegalArgumentException("packet does not fit its buffer");
        }
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.limit = offset + capacity;
        return this;
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int len) {
        if (len < 0 || offset + len > limit) {
            throw new IllegalArgumentException("length " + len + " does not fit the buffer");
        }
        this.length = len;
    }

    @Override
    public void setOffset(int off) {
        this.offset = off;
    }

    @Override
    public boolean isInvalid() {
        return buffer == null;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] outBuf) {
        System.arraycopy(buffer, offset + off, outBuf, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > limit) {
            throw new IllegalStateException("packet buffer has no room for " + howMuch + " more bytes");
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        length = Math.max(0, length - len);
    }
}
