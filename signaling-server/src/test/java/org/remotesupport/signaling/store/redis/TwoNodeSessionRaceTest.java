package org.remotesupport.signaling.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.FakeRelayControl;
import org.remotesupport.signaling.cluster.ClusterMessageSink;
import org.remotesupport.signaling.cluster.ClusterNode;
import org.remotesupport.signaling.cluster.LocalConnections;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SessionService;
import org.remotesupport.signaling.session.SignalingException;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/**
 * The session lifecycle on two nodes that share Redis: the agent is connected to node A, the customer
 * to node B; the customer joins on B while the agent leaves on A, many times over. Whichever wins, the
 * distributed session lock and the ordered bus give each participant a consistent story (never
 * {@code session.ended} before {@code session.joined}) and no membership is left behind.
 */
@ExtendWith(RedisServerExtension.class)
class TwoNodeSessionRaceTest {

    private static final Duration DELIVERY = Duration.ofSeconds(5);

    private final RedisFixture redis;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final List<AutoCloseable> closing = new ArrayList<>();

    TwoNodeSessionRaceTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        for (AutoCloseable c : closing) {
            c.close();
        }
        redis.close();
    }

    /** One signaling node: its own Redis client, stores, locks, bus, and a record of what its connections received. */
    private final class Node implements LocalConnections {
        final Map<String, List<ServerMessage>> inbox = new ConcurrentHashMap<>();
        final RedisParticipantDirectory directory;
        final RedisSessionRegistry registry;
        final SessionService sessions;

        Node(String id, long seed) {
            RedisConnections connections = redis.connect();
            directory = new RedisParticipantDirectory(connections, redis.keys(), new ClusterNode(id), Duration.ofSeconds(30));
            registry = new RedisSessionRegistry(connections, redis.keys(), Clock.systemUTC(), Duration.ofHours(1));
            ClusterMessageSink sink = ClusterMessageSink.clustered(this, directory,
                    new RedisMessageBus(connections, redis.keys()), Executors.newSingleThreadExecutor());
            closing.add(sink);
            sessions = new SessionService(registry,
                    new RedisSessionLocks(connections, redis.keys(), Duration.ofSeconds(10), Duration.ofSeconds(5),
                            new SecureRandom()),
                    new FakeRelayControl(), sink, Clock.systemUTC(), new Random(seed), 1);
        }

        void connect(String participantId) {
            inbox.put(participantId, new CopyOnWriteArrayList<>());
            directory.bind(participantId);
        }

        @Override
        public boolean deliver(String participantId, ServerMessage message) {
            List<ServerMessage> messages = inbox.get(participantId);
            if (messages == null) {
                return false;
            }
            messages.add(message);
            return true;
        }

        @Override
        public Collection<String> participantIds() {
            return inbox.keySet();
        }

        List<ServerMessage> awaitMessages(String participantId, int count) throws InterruptedException {
            long deadline = System.nanoTime() + DELIVERY.toNanos();
            while (inbox.get(participantId).size() < count && System.nanoTime() < deadline) {
                // deliveries arrive on the node's inbox thread
                Thread.sleep(2);
            }
            return List.copyOf(inbox.get(participantId));
        }
    }

    @Test
    void joinOnOneNodeAndEndOnTheOtherNeverInterleave() throws Exception {
        Node a = new Node("node-a", 1);
        Node b = new Node("node-b", 2);
        int joinedBeforeEnd = 0;
        for (int round = 0; round < 60; round++) {
            String agent = "a" + round;
            String customer = "c" + round;
            a.connect(agent);
            b.connect(customer);
            String sessionId = a.sessions.open(new Member(agent, Role.AGENT, "Ana"), null,
                    Instant.now().plus(Duration.ofMinutes(5)));

            CountDownLatch start = new CountDownLatch(1);
            Future<Boolean> join = threads.submit(() -> {
                start.await();
                try {
                    b.sessions.join(new Member(customer, Role.CUSTOMER, "Carla"), "j", sessionId);
                    return true;
                } catch (SignalingException refused) {
                    assertThat(refused.code().wire()).isEqualTo("not_in_session");
                    return false;
                }
            });
            Future<?> leave = threads.submit(() -> {
                start.await();
                a.sessions.leave(new Member(agent, Role.AGENT, "Ana"), "l", null);
                return null;
            });
            start.countDown();
            boolean joined = join.get(10, TimeUnit.SECONDS);
            leave.get(10, TimeUnit.SECONDS);

            List<Class<?>> customerSaw = b.awaitMessages(customer, joined ? 2 : 0).stream()
                    .<Class<?>>map(Object::getClass).toList();
            // the agent's own session.created is sent by the WebSocket layer, not by the session service
            List<Class<?>> agentSaw = a.awaitMessages(agent, joined ? 2 : 1).stream().<Class<?>>map(Object::getClass)
                    .toList();
            if (joined) {
                joinedBeforeEnd++;
                assertThat(customerSaw).as("round %d, customer", round)
                        .containsExactly(ServerMessage.SessionJoined.class, ServerMessage.SessionEnded.class);
                assertThat(agentSaw).as("round %d, agent", round).containsExactly(
                        ServerMessage.ParticipantJoined.class, ServerMessage.SessionLeft.class);
            } else {
                assertThat(customerSaw).as("round %d, customer", round).isEmpty();
                assertThat(agentSaw).as("round %d, agent", round).containsExactly(ServerMessage.SessionLeft.class);
            }
            assertThat(a.registry.sessionIdsOf(customer)).isEmpty();
            assertThat(b.registry.find(sessionId)).isEmpty();
        }
        assertThat(a.registry.size()).isZero();
        System.out.printf("customer joined before the end in %d of 60 rounds%n", joinedBeforeEnd);
    }

}
