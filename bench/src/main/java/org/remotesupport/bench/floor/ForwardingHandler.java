package org.remotesupport.bench.floor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Sends each datagram on to the other members of the sender's session, sharing the received buffer
 * (no copy, no crypto: the least any forwarder on this runtime can do) and flushing once per read
 * batch. Runs on the floor's event loop.
 */
final class ForwardingHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private final ForwardingTable table;

    ForwardingHandler(ForwardingTable table) {
        super(false);
        this.table = table;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress[] peers = table.peersOf(packet.sender());
        ByteBuf content = packet.content();
        if (peers == null || peers.length == 0) {
            content.release();
            return;
        }
        for (int i = 0; i < peers.length; i++) {
            ByteBuf copy = i == peers.length - 1 ? content : content.retainedDuplicate();
            ctx.write(new DatagramPacket(copy, peers[i]), ctx.voidPromise());
            table.countForwarded();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable from a departed endpoint must not close the port
    }
}
