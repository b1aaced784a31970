package org.remotesupport.testsupport.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A TCP link with a fixed one-way delay (HTTP, WebSocket), the stream counterpart of
 * {@link UdpDelayLine} for kernels without {@code sch_netem}: it accepts connections on a front
 * address, connects each to the target, and passes the bytes read on either side to the other
 * after the delay, in order. Because the client's handshake with this line ends at once, the
 * client's first bytes are held until the handshake would have completed over the slow link
 * (one round trip after the connection), so that a new connection costs what it costs on a real
 * link. Bytes are not paced: this is a long link, not a narrow one. The delay can be changed
 * while it runs, affecting bytes read from then on (never reordering them). At most
 * {@link #MAX_CONNECTIONS} connections are open at once; more are closed on arrival. Threads of its
 * own do the work (three per connection); the methods may be called from any thread.
 *
 * <p>Written by hand for the reason given on {@link UdpDelayLine}. Chrome's own network emulation
 * ({@code Network.emulateNetworkConditions}) is no substitute: it delays HTTP requests and a
 * WebSocket's opening handshake, but not the WebSocket's frames.
 */
public final class TcpDelayLine implements AutoCloseable {

    /** Connections open at once; browsers on a page open a handful. */
    public static final int MAX_CONNECTIONS = 128;

    private static final int CHUNK = 64 * 1024;

    private final ServerSocket front;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile long delayNanos;
    private volatile boolean closed;

    private TcpDelayLine(ServerSocket front, InetSocketAddress target, Duration oneWay) {
        this.front = front;
        this.target = target;
        this.delayNanos = checked(oneWay).toNanos();
    }

    /**
     * Binds the front address and starts accepting.
     * @param front where clients connect, for example {@code 127.0.0.1:0} for any free port
     * @param target where their connections go
     * @param oneWay the delay each way, zero or more
     * @throws UncheckedIOException when the front address cannot be bound
     */
    public static TcpDelayLine open(InetSocketAddress front, InetSocketAddress target, Duration oneWay) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(front);
            TcpDelayLine line = new TcpDelayLine(server, target, oneWay);
            UdpDelayLine.daemon(line::accept, "tcp-delay-line-accept").start();
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + front, e);
        }
    }

    /** The address clients connect to, with the port that was bound. */
    public InetSocketAddress frontAddress() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    /** The delay each way from now on. */
    public void setDelay(Duration oneWay) {
        delayNanos = checked(oneWay).toNanos();
    }

    /** The delay each way. */
    public Duration delay() {
        return Duration.ofNanos(delayNanos);
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = front.accept();
            } catch (IOException e) {
                return;
            }
            long accepted = System.nanoTime();
            if (sockets.size() >= MAX_CONNECTIONS * 2) {
                closeQuietly(client);
                continue;
            }
            UdpDelayLine.daemon(() -> connect(client, accepted), "tcp-delay-line-connect").start();
        }
    }

    private void connect(Socket client, long accepted) {
        Socket server = new Socket();
        sockets.add(client);
        sockets.add(server);
        try {
            server.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            server.connect(target, 10_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        // the client's SYN and the SYN-ACK would have taken a round trip before its first bytes left
        long handshakeDone = accepted + 2 * delayNanos;
        UdpDelayLine.daemon(() -> pump(client, server, handshakeDone), "tcp-delay-line-up").start();
        pump(server, client, 0);
    }

    /** Reads from one side and writes to the other after the delay; ends both sides' directions at EOF. */
    private void pump(Socket from, Socket to, long notBefore) {
        ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1,
                runnable -> UdpDelayLine.daemon(runnable, "tcp-delay-line-write"));
        long lastDue = notBefore;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[CHUNK];
            while (true) {
                int n = in.read(buffer);
                long now = System.nanoTime();
                // never before bytes read earlier: a shorter delay set meanwhile must not reorder the stream
                long due = Math.max(Math.max(now, notBefore) + delayNanos, lastDue);
                lastDue = due;
                if (n < 0) {
                    writer.schedule(() -> shutdownOutput(to, from), due - now, TimeUnit.NANOSECONDS);
                    return;
                }
                byte[] chunk = Arrays.copyOf(buffer, n);
                writer.schedule(() -> {
                    try {
                        out.write(chunk);
                        out.flush();
                    } catch (IOException e) {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                }, due - now, TimeUnit.NANOSECONDS);
            }
        } catch (IOException e) {
            // reset or closed: the other side learns it after the delay, as it would over the link
            writer.schedule(() -> {
                closeQuietly(to);
                closeQuietly(from);
            }, Math.max(lastDue - System.nanoTime(), delayNanos), TimeUnit.NANOSECONDS);
        } finally {
            writer.shutdown();
        }
    }

    /** Passes an end of stream on; once both directions have ended, closes both sockets. */
    private void shutdownOutput(Socket to, Socket from) {
        try {
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(to);
        }
        if (to.isOutputShutdown() && from.isOutputShutdown()) {
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            front.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(this::closeQuietly);
    }

    private static Duration checked(Duration oneWay) {
        if (oneWay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + oneWay);
        }
        return oneWay;
    }
}
