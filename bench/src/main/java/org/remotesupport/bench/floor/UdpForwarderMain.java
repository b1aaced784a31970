package org.remotesupport.bench.floor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import org.remotesupport.bench.control.StdioControl;

/**
 * The floor of the benchmark: a plain UDP forwarder with no ICE, no DTLS and no SRTP that forwards
 * every datagram from a session member to the other members of its session. Built like our relay's
 * I/O (Netty, native epoll, one event loop thread, the same socket buffers and a flush per read
 * batch) so the difference between the two is what the relay does per packet, not the runtime.
 * Control over standard input: {@code join} (session, address) and {@code stats}; the first output
 * line reports the port.
 */
public final class UdpForwarderMain {

    private UdpForwarderMain() {
    }

    public static void main(String[] args) throws Exception {
        StdioControl control = new StdioControl();
        EventLoopGroup group = new EpollEventLoopGroup(1, new DefaultThreadFactory("floor-io", true));
        ForwardingTable table = new ForwardingTable();
        try {
            Channel channel = new Bootstrap()
                    .group(group)
                    .channel(EpollDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                    .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048))
                    .handler(new ForwardingHandler(table))
                    .bind("127.0.0.1", 0).sync().channel();
            ObjectNode ready = control.object();
            ready.put("port", ((InetSocketAddress) channel.localAddress()).getPort());
            ready.put("pid", ProcessHandle.current().pid());
            control.event(ready);
            control.serve((op, command) -> {
                ObjectNode reply = control.object();
                switch (op) {
                    case "join" -> {
                        String[] hostPort = command.path("address").asText().split(":");
                        table.join(command.path("session").asText(),
                                new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
                    }
                    case "stats" -> reply.put("forwarded", table.forwarded());
                    default -> throw new IllegalArgumentException("unknown op " + op);
                }
                return reply;
            });
            channel.close().sync();
        } finally {
            group.shutdownGracefully().sync();
        }
    }
}
