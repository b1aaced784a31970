package org.remotesupport.app.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ProtocolCodec;
import org.remotesupport.protocol.signaling.ProtocolVersion;
import org.remotesupport.protocol.signaling.ServerMessage;

/**
 * A WebSocket client of the signaling endpoint {@code /ws} that speaks the JSON protocol through
 * {@link ProtocolCodec}: it sends {@link ClientMessage}s and keeps every {@link ServerMessage} it
 * receives until a caller claims it with {@link #await}. Messages arrive on the HTTP client's
 * threads; every method may be called from any thread and blocks only as long as its timeout says.
 * After {@code welcome} it sends {@code ping} often enough to stay within the server's idle timeout.
 */
public final class SignalingClient implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final ProtocolCodec codec = new ProtocolCodec();
    private final String name;
    private final AtomicLong ids = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<ServerMessage> unclaimed = new ArrayList<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Object sendLock = new Object();
    private final ScheduledExecutorService pinger;
    private WebSocket socket;
    private String closedBecause;

    private SignalingClient(String name) {
        this.name = name;
        this.pinger = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-signaling-ping");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens a WebSocket to the signaling endpoint. Sends no {@code Origin} header, as a non-browser
     * client does.
     *
     * @param uri  e.g. {@code ws://127.0.0.1:8080/ws}
     * @param name a short name for thread names and messages
     */
    public static SignalingClient connect(URI uri, String name) {
        SignalingClient client = new SignalingClient(name);
        try {
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(DEFAULT_TIMEOUT)
                    .buildAsync(uri, client.new Listener())
                    .get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return client;
        } catch (ExecutionException | TimeoutException e) {
            client.pinger.shutdownNow();
            throw new IllegalStateException(name + ": cannot open " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.pinger.shutdownNow();
            throw new IllegalStateException(name + ": interrupted while opening " + uri, e);
        }
    }

    /** A fresh correlation id for a client message. */
    public String nextId() {
        return name + "-" + ids.incrementAndGet();
    }

    /** Sends one message as one text frame; waits until the frame is handed to the socket. */
    public void send(ClientMessage message) {
        String json = codec.write(message);
        synchronized (sendLock) {
            // the JDK WebSocket refuses a send while the previous one is still in flight
            socket.sendText(json, true).join();
        }
    }

    /**
     * Sends a message and waits for the reply whose {@code replyTo} is the message's id.
     *
     * @throws SignalingRefusal    when the server answers with {@code error}
     * @throws AssertionError      when no reply came within the timeout, or a reply of another type
     */
    public <T extends ServerMessage> T request(ClientMessage message, Class<T> replyType, Duration timeout) {
        if (message.id() == null) {
            throw new IllegalArgumentException("a request needs an id");
        }
        send(message);
        ServerMessage reply = await(ServerMessage.class, m -> message.id().equals(m.replyTo()), timeout);
        if (reply instanceof ServerMessage.Error error) {
            throw new SignalingRefusal(error);
        }
        if (!replyType.isInstance(reply)) {
            throw new AssertionError(name + ": expected " + replyType.getSimpleName() + " in reply to "
                    + message + " but got " + reply);
        }
        return replyType.cast(reply);
    }

    /**
     * {@code hello} with the current protocol version and a token (a staff token from sign-in, or an
     * invite link's); returns the server's {@code welcome} and starts pinging.
     */
    public ServerMessage.Welcome hello(String token, String displayName) {
        ServerMessage.Welcome welcome = request(new ClientMessage.Hello(nextId(), ProtocolVersion.CURRENT, token,
                displayName), ServerMessage.Welcome.class, DEFAULT_TIMEOUT);
        if (welcome.idleTimeoutMs() > 0) {
            long period = Math.max(100, welcome.idleTimeoutMs() / 3);
            pinger.scheduleAtFixedRate(this::ping, period, period, TimeUnit.MILLISECONDS);
        }
        return welcome;
    }

    /**
     * {@code hello} with the person's token and the resume token of its participant whose connection
     * dropped: this connection takes its place. Returns the server's {@code welcome} and starts pinging.
     */
    public ServerMessage.Welcome resume(String token, String resumeToken) {
        ServerMessage.Welcome welcome = request(new ClientMessage.Hello(nextId(), ProtocolVersion.CURRENT, token,
                null, resumeToken), ServerMessage.Welcome.class, DEFAULT_TIMEOUT);
        if (welcome.idleTimeoutMs() > 0) {
            long period = Math.max(100, welcome.idleTimeoutMs() / 3);
            pinger.scheduleAtFixedRate(this::ping, period, period, TimeUnit.MILLISECONDS);
        }
        return welcome;
    }

    /** Drops the connection without a close frame, as a phone that loses its network does, and stops pinging. */
    public void abort() {
        pinger.shutdownNow();
        socket.abort();
        closedWith("aborted by the test");
    }

    /** An agent's {@code session.create}; returns {@code session.created} with the customer's invite link. */
    public ServerMessage.SessionCreated createSession() {
        return request(new ClientMessage.SessionCreate(nextId()), ServerMessage.SessionCreated.class, DEFAULT_TIMEOUT);
    }

    /** A customer's {@code session.join} into the session its invite was made for; returns {@code session.joined}. */
    public ServerMessage.SessionJoined joinSession() {
        return request(new ClientMessage.SessionJoin(nextId()), ServerMessage.SessionJoined.class, DEFAULT_TIMEOUT);
    }

    /**
     * Claims the oldest unclaimed message of the type that matches the condition, waiting for it
     * until the timeout. Messages that do not match stay for later calls.
     *
     * @throws AssertionError when none arrived in time; the message lists what did arrive
     */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<? super T> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (Iterator<ServerMessage> it = unclaimed.iterator(); it.hasNext(); ) {
                    ServerMessage message = it.next();
                    if (type.isInstance(message) && condition.test(type.cast(message))) {
                        it.remove();
                        return type.cast(message);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closedBecause != null) {
                    throw new AssertionError(name + ": no matching " + type.getSimpleName() + " within " + timeout
                            + (closedBecause == null ? "" : " (connection closed: " + closedBecause + ")")
                            + "; unclaimed: " + unclaimed);
                }
                arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted while waiting for " + type.getSimpleName(), e);
        } finally {
            lock.unlock();
        }
    }

    /** {@link #await(Class, Predicate, Duration)} for the first unclaimed message of a type. */
    public <T extends ServerMessage> T await(Class<T> type, Duration timeout) {
        return await(type, m -> true, timeout);
    }

    /**
     * A queue that receives, in arrival order, every later message matching the filter, in
     * addition to the message staying claimable by {@link #await}.
     */
    public BlockingQueue<ServerMessage> subscribe(Predicate<? super ServerMessage> filter) {
        Subscription subscription = new Subscription(filter, new LinkedBlockingQueue<>());
        subscriptions.add(subscription);
        return subscription.queue();
    }

    /** Why the connection closed, or null while it is open. */
    public String closedBecause() {
        lock.lock();
        try {
            return closedBecause;
        } finally {
            lock.unlock();
        }
    }

    /** Stops pinging and closes the WebSocket normally. */
    @Override
    public void close() {
        pinger.shutdownNow();
        if (socket != null && !socket.isOutputClosed()) {
            try {
                synchronized (sendLock) {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (ExecutionException | TimeoutException e) {
                socket.abort();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                socket.abort();
            }
        }
    }

    @Override
    public String toString() {
        return "SignalingClient[" + name + "]";
    }

    private void ping() {
        try {
            send(new ClientMessage.Ping(nextId()));
        } catch (RuntimeException e) {
            // the connection is going away; await() reports that to whoever is waiting
        }
    }

    private void received(String json) {
        ServerMessage message;
        try {
            message = codec.readServer(json);
        } catch (Exception e) {
            closedWith("unreadable server message: " + json);
            return;
        }
        if (message instanceof ServerMessage.Pong) {
            return;
        }
        for (Subscription subscription : subscriptions) {
            if (subscription.filter().test(message)) {
                subscription.queue().add(message);
            }
        }
        lock.lock();
        try {
            unclaimed.add(message);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void closedWith(String reason) {
        lock.lock();
        try {
            if (closedBecause == null) {
                closedBecause = reason;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private record Subscription(Predicate<? super ServerMessage> filter, BlockingQueue<ServerMessage> queue) {
    }

    /** Called by the HTTP client, one callback at a time per socket. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String json = partial.toString();
                partial.setLength(0);
                received(json);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            closedWith("unexpected binary frame");
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith("closed by server: " + statusCode + " " + reason);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedWith("error: " + error);
        }
    }
}
