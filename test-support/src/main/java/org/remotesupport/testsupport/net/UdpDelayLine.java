package org.remotesupport.testsupport.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP link with a fixed one-way delay, for tests and benchmarks that need a long round trip on a
 * kernel without {@code sch_netem} (where {@code tc} can cap a rate but not delay packets). It
 * listens on a front address and forwards every datagram it receives there to the target after the
 * delay, from a socket of its own per sender (as a NAT would), and every answer from the target back
 * to that sender after the delay again: a round trip through it takes twice the delay. Give clients
 * the front address (for the media relay: advertise the front's IP and bind the relay to the same
 * port on another loopback address). The delay can be changed while it runs; at zero a datagram is
 * passed on by the thread that received it. Datagrams are never dropped or reordered on purpose,
 * but a sender beyond {@link #MAX_SENDERS} is ignored. Threads of its own do the work; the methods
 * may be called from any thread.
 *
 * <p>Written by hand because nothing packaged does this on such a kernel: netem is the usual
 * answer, NFQUEUE needs a native verdict program, and the UDP proxies on Maven Central forward
 * without delaying.
 */
public final class UdpDelayLine implements AutoCloseable {

    /** Distinct senders served at once; more are ignored, which a test on loopback never reaches. */
    public static final int MAX_SENDERS = 256;

    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramChannel front;
    private final InetSocketAddress target;
    private final Map<SocketAddress, DatagramChannel> upstreams = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor scheduler;
    private final AtomicLong forwarded = new AtomicLong();
    private volatile long delayNanos;
    private volatile boolean closed;

    private UdpDelayLine(DatagramChannel front, InetSocketAddress target, Duration oneWay) {
        this.front = front;
        this.target = target;
        this.delayNanos = checked(oneWay).toNanos();
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> daemon(runnable, "udp-delay-line-send"));
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    /**
     * Binds the front address and starts forwarding.
     * @param front where clients send, for example {@code 127.0.0.2:0} for any free port
     * @param target where their datagrams go
     * @param oneWay the delay each way, zero or more
     * @throws UncheckedIOException when the front address cannot be bound
     */
    public static UdpDelayLine open(InetSocketAddress front, InetSocketAddress target, Duration oneWay) {
        try {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(front);
            UdpDelayLine line = new UdpDelayLine(channel, target, oneWay);
            daemon(line::receiveFromClients, "udp-delay-line-front").start();
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + front, e);
        }
    }

    /** The address clients send to, with the port that was bound. */
    public InetSocketAddress frontAddress() {
        try {
            return (InetSocketAddress) front.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The delay each way from now on; datagrams already on their way keep theirs. */
    public void setDelay(Duration oneWay) {
        delayNanos = checked(oneWay).toNanos();
    }

    /** The delay each way. */
    public Duration delay() {
        return Duration.ofNanos(delayNanos);
    }

    /** Datagrams passed on so far, both ways. */
    public long forwarded() {
        return forwarded.get();
    }

    private void receiveFromClients() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (!closed) {
            try {
                buffer.clear();
                SocketAddress sender = front.receive(buffer);
                buffer.flip();
                DatagramChannel upstream = upstreams.get(sender);
                if (upstream == null) {
                    if (upstreams.size() >= MAX_SENDERS) {
                        continue;
                    }
                    upstream = openUpstream(sender);
                }
                DatagramChannel to = upstream;
                pass(copy(buffer), data -> to.write(data));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // one bad datagram (for example an ICMP error surfaced on receive) must not stop the line
            }
        }
    }

    private DatagramChannel openUpstream(SocketAddress client) throws IOException {
        DatagramChannel upstream = DatagramChannel.open();
        upstream.bind(new InetSocketAddress(target.getAddress(), 0));
        upstream.connect(target);
        upstreams.put(client, upstream);
        daemon(() -> receiveFromTarget(upstream, client), "udp-delay-line-back").start();
        return upstream;
    }

    private void receiveFromTarget(DatagramChannel upstream, SocketAddress client) {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (!closed) {
            try {
                buffer.clear();
                upstream.receive(buffer);
                buffer.flip();
                pass(copy(buffer), data -> front.send(data, client));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // the target's port was briefly closed (ICMP port unreachable): keep listening
            }
        }
    }

    private interface Send {
        void to(ByteBuffer data) throws IOException;
    }

    private void pass(ByteBuffer data, Send send) {
        long delay = delayNanos;
        Runnable task = () -> {
            try {
                send.to(data);
                forwarded.incrementAndGet();
            } catch (IOException e) {
                // a lost datagram, as on any UDP link
            }
        };
        if (delay == 0) {
            task.run();
        } else if (!closed) {
            scheduler.schedule(task, delay, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        closeQuietly(front);
        upstreams.values().forEach(UdpDelayLine::closeQuietly);
        upstreams.clear();
    }

    private static ByteBuffer copy(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer).flip();
        return copy;
    }

    private static Duration checked(Duration oneWay) {
        if (oneWay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + oneWay);
        }
        return oneWay;
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
