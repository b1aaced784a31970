package org.remotesupport.media.forward;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * Where the relay core writes datagrams: the UDP channel in production, a queue in handler tests.
 * {@link #allocate} and {@link #write} are called on the event loop; {@link #sendFromAnyThread}
 * from DTLS threads.
 */
public interface PacketOutput {

    /** A heap buffer with at least {@code capacity} writable bytes; the output releases it after writing. */
    ByteBuf allocate(int capacity);

    /** Queues a datagram; sent at the next {@link #flush}. */
    void write(ByteBuf packet, InetSocketAddress to);

    /** Sends everything queued. */
    void flush();

    /** Sends a datagram immediately from a thread that is not the event loop. */
    void sendFromAnyThread(byte[] data, int offset, int length, InetSocketAddress to);
}
