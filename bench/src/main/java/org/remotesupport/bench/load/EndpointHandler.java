package org.remotesupport.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.remotesupport.media.srtp.PacketBuffer;

/**
 * Takes the arrival time of each datagram first, copies it into a reused array and hands it to its
 * endpoint. One per endpoint channel; runs on that channel's event loop.
 */
final class EndpointHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private final LoadEndpoint endpoint;
    private final byte[] scratch = new byte[2048];
    private final PacketBuffer view = new PacketBuffer();

    EndpointHandler(LoadEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        long arrival = System.nanoTime();
        ByteBuf content = packet.content();
        int length = content.readableBytes();
        if (length > scratch.length) {
            return;
        }
        content.getBytes(content.readerIndex(), scratch, 0, length);
        endpoint.onDatagram(scratch, length, packet.sender(), arrival, view);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP errors from a forwarder that went away must not close the socket
    }
}
