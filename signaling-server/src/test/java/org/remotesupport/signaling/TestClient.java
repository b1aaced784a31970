package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ProtocolCodec;
import org.remotesupport.protocol.signaling.ProtocolVersion;
import org.remotesupport.protocol.signaling.ServerMessage;

/**
 * A real WebSocket client (the JDK's) for the signaling endpoint. Every received frame is decoded
 * and queued; tests take messages in order and wait on the queue with a deadline, never a sleep.
 */
public final class TestClient implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(10);

    private final ProtocolCodec codec = new ProtocolCodec();
    private final BlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
    // messages nextOf passed over, for later calls; used by one test thread at a time
    private final java.util.List<ServerMessage> stash = new java.util.ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final WebSocket socket;
    private ServerMessage.Welcome welcome;
    private String accessToken;

    private TestClient(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new Listener())
                .orTimeout(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    public static TestClient connect(int port) {
        return new TestClient(URI.create("ws://localhost:" + port + "/ws"));
    }

    /** Connects and completes {@code hello} with this token (staff, customer or invite). */
    public static TestClient greeted(int port, String token) {
        return greeted(port, token, null);
    }

    /** Connects and completes {@code hello} with this token and display name. */
    public static TestClient greeted(int port, String token, String name) {
        TestClient client = connect(port);
        client.accessToken = token;
        client.welcome = client.request(new ClientMessage.Hello(client.nextId(), ProtocolVersion.CURRENT, token, name),
                ServerMessage.Welcome.class);
        return client;
    }


    /** The participant id from {@code welcome}. */
    public String participantId() {
        assertThat(welcome).as("hello completed").isNotNull();
        return welcome.participantId();
    }

    public String nextId() {
        return "m" + ids.incrementAndGet();
    }

    public void send(ClientMessage message) {
        sendRaw(codec.write(message));
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).orTimeout(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** The next message, waiting up to the deadline. */
    public ServerMessage next() {
        if (!stash.isEmpty()) {
            return stash.remove(0);
        }
        try {
            ServerMessage message = received.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                fail("no message within " + DEADLINE);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message, which must be of this type. */
    public <T extends ServerMessage> T next(Class<T> type) {
        ServerMessage message = next();
        assertThat(message).isInstanceOf(type);
        return type.cast(message);
    }

    /** Sends a message and returns the next one, which must be its reply of this type. */
    public <T extends ServerMessage> T request(ClientMessage message, Class<T> replyType) {
        send(message);
        T reply = next(replyType);
        assertThat(reply.replyTo()).isEqualTo(message.id());
        return reply;
    }

    /** Sends a message that must be refused with this code; returns the error. */
    public ServerMessage.Error refused(ClientMessage message, ErrorCode code) {
        send(message);
        ServerMessage.Error error = next(ServerMessage.Error.class);
        assertThat(error.code()).as(error.message()).isEqualTo(code.wire());
        assertThat(error.replyTo()).isEqualTo(message.id());
        return error;
    }

    /** Sends a raw frame that must be refused with this code; returns the error. */
    public ServerMessage.Error refusedRaw(String text, ErrorCode code) {
        sendRaw(text);
        ServerMessage.Error error = next(ServerMessage.Error.class);
        assertThat(error.code()).as(error.message()).isEqualTo(code.wire());
        return error;
    }

    /**
     * Checks that the connection still answers and that nothing else arrived before the answer:
     * everything the server sent earlier is ahead of the pong in the queue.
     */
    public void assertAliveAndQuiet() {
        String id = nextId();
        send(new ClientMessage.Ping(id));
        assertThat(next()).isEqualTo(new ServerMessage.Pong(id));
    }

    /** Waits for the server to close the connection and returns its close code. */
    public int awaitClose() {
        return closed.orTimeout(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** The {@code welcome} of this connection. */
    public ServerMessage.Welcome welcome() {
        return welcome;
    }

    /**
     * Connects and resumes the participant whose newest resume token this is; {@code token} must name
     * the same person as that participant's.
     */
    public static TestClient resumed(int port, String token, String resumeToken) {
        TestClient client = connect(port);
        client.accessToken = token;
        client.welcome = client.request(new ClientMessage.Hello(client.nextId(), ProtocolVersion.CURRENT, token,
                null, resumeToken), ServerMessage.Welcome.class);
        return client;
    }

    /** The token this client said {@code hello} with (an invite link's token stays what it was). */
    public String accessToken() {
        return welcome != null && welcome.token() != null ? welcome.token() : accessToken;
    }

    /** Drops the connection without a close frame, as a lost network does. */
    public void abort() {
        socket.abort();
    }

    /**
     * The next message of this type that matches, waiting up to the deadline. Queue views before it
     * that do not match are dropped (newer ones supersede them); other messages before it are kept,
     * in order, for later calls: the server may push an offer before the reply a test waits for.
     */
    public <T extends ServerMessage> T nextOf(Class<T> type, java.util.function.Predicate<? super T> condition) {
        for (java.util.Iterator<ServerMessage> it = stash.iterator(); it.hasNext(); ) {
            ServerMessage kept = it.next();
            if (type.isInstance(kept) && condition.test(type.cast(kept))) {
                it.remove();
                return type.cast(kept);
            }
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        java.util.List<ServerMessage> skipped = new java.util.ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            ServerMessage message;
            try {
                message = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (message == null) {
                fail("no matching " + type.getSimpleName() + " within " + DEADLINE + "; skipped " + skipped);
            }
            if (type.isInstance(message) && condition.test(type.cast(message))) {
                return type.cast(message);
            }
            skipped.add(message);
            if (!(message instanceof ServerMessage.QueueUpdate || message instanceof ServerMessage.QueueStatus
                    || message instanceof ServerMessage.QueueSnapshot)) {
                stash.add(message);
            }
        }
    }

    /** {@link #nextOf(Class, java.util.function.Predicate)} for any message of the type. */
    public <T extends ServerMessage> T nextOf(Class<T> type) {
        return nextOf(type, m -> true);
    }

    /**
     * Checks that nothing but queue views arrived and the connection still answers: whatever else
     * the server sent earlier would be ahead of the pong.
     */
    public void assertNothingButQueueViews() {
        String id = nextId();
        send(new ClientMessage.Ping(id));
        while (true) {
            ServerMessage message = next();
            if (message.equals(new ServerMessage.Pong(id))) {
                return;
            }
            assertThat(message).isInstanceOfAny(ServerMessage.QueueUpdate.class, ServerMessage.QueueStatus.class,
                    ServerMessage.QueueSnapshot.class);
        }
    }

    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(e -> null).join();
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    received.add(codec.readServer(text.toString()));
                } catch (Exception e) {
                    received.add(new ServerMessage.Error(null, "undecodable", text.toString()));
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
