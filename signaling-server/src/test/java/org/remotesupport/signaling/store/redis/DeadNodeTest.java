package org.remotesupport.signaling.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.FakeRelayControl;
import org.remotesupport.signaling.MutableClock;
import org.remotesupport.signaling.cluster.ClusterMessageSink;
import org.remotesupport.signaling.cluster.ClusterNode;
import org.remotesupport.signaling.cluster.DroppedParticipantsOfDeadNodes;
import org.remotesupport.signaling.cluster.LocalConnections;
import org.remotesupport.signaling.cluster.NodeHeartbeat;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.ParticipantService;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SessionService;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/**
 * A node that crashes takes its WebSockets with it and can no longer tell anyone. The agent is on
 * node B, the customer on node A; node A stops (no clean shutdown, no heartbeat). Node B's heartbeat
 * finds node A dead and treats its participants as dropped: the agent hears the customer is
 * reconnecting, and once the grace period is over, that it left.
 */
@ExtendWith(RedisServerExtension.class)
class DeadNodeTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(100);
    private static final Duration NODE_TIMEOUT = Duration.ofMillis(600);
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final RedisFixture redis;
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final List<AutoCloseable> closing = new ArrayList<>();

    DeadNodeTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        redis.close();
    }

    /** One signaling node over Redis; its connections are an inbox per participant. */
    private final class Node implements LocalConnections {
        final Map<String, List<ServerMessage>> inbox = new ConcurrentHashMap<>();
        final RedisParticipantDirectory directory;
        final SessionService sessions;
        final ParticipantService participants;
        final NodeHeartbeat heartbeat;
        final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();

        Node(String id, long seed) {
            RedisConnections connections = redis.connect();
            directory = new RedisParticipantDirectory(connections, redis.keys(), new ClusterNode(id), NODE_TIMEOUT);
            ClusterMessageSink sink = ClusterMessageSink.clustered(this, directory,
                    new RedisMessageBus(connections, redis.keys()), Executors.newSingleThreadExecutor());
            closing.add(sink);
            RedisParticipantStore store = new RedisParticipantStore(connections, redis.keys(), Duration.ofHours(1));
            sessions = new SessionService(new RedisSessionRegistry(connections, redis.keys(), clock, Duration.ofHours(1)),
                    new RedisSessionLocks(connections, redis.keys(), Duration.ofSeconds(10), Duration.ofSeconds(5),
                            new SecureRandom()),
                    new FakeRelayControl(), sink, clock, new Random(seed), 4);
            participants = new ParticipantService(store, clock, new Random(seed), GRACE,
                    Executors.newSingleThreadScheduledExecutor(), Duration.ofSeconds(1));
            closing.add(participants);
            participants.addListener(sessions);
            heartbeat = new NodeHeartbeat(directory, this, HEARTBEAT, beats,
                    List.of(new DroppedParticipantsOfDeadNodes(store, participants)));
            heartbeat.start();
            closing.add(beats::shutdownNow);
        }

        Member connect(String participantId, Role role, String name) {
            inbox.put(participantId, new CopyOnWriteArrayList<>());
            directory.bind(participantId);
            Member member = new Member(participantId, role, name);
            participants.greeted(member, "connection-of-" + participantId);
            return member;
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

        <T extends ServerMessage> T await(String participantId, Class<T> type) {
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                for (ServerMessage message : inbox.get(participantId)) {
                    if (type.isInstance(message)) {
                        inbox.get(participantId).remove(message);
                        return type.cast(message);
                    }
                }
                // deliveries arrive on the node's inbox thread
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            throw new AssertionError("no " + type.getSimpleName() + " for " + participantId + " within " + WITHIN
                    + "; got " + inbox.get(participantId));
        }
    }

    @Test
    void theAgentLearnsThatTheCustomerOfACrashedNodeIsReconnectingThenGone() {
        Node a = new Node("node-a", 1);
        Node b = new Node("node-b", 2);
        Member agent = b.connect("agent1", Role.AGENT, "Ana");
        Member customer = a.connect("cust1", Role.CUSTOMER, "Carla");
        String sessionId = b.sessions.open(agent, null, clock.instant().plus(Duration.ofMinutes(5)));
        a.sessions.join(customer, "j", sessionId);
        a.await("cust1", ServerMessage.SessionJoined.class);
        b.await("agent1", ServerMessage.ParticipantJoined.class);

        // node A crashes: it stops beating and tells nobody; node B's beats find it dead
        a.beats.shutdownNow();

        ServerMessage.ParticipantState reconnecting = b.await("agent1", ServerMessage.ParticipantState.class);
        assertThat(reconnecting.participantId()).isEqualTo("cust1");
        assertThat(reconnecting.state()).isEqualTo("reconnecting");

        clock.advance(GRACE.plusSeconds(1));
        b.participants.sweep();
        assertThat(b.await("agent1", ServerMessage.ParticipantLeft.class).participantId()).isEqualTo("cust1");
        assertThat(b.sessions.sessionIdFor(agent, sessionId)).isEqualTo(sessionId);
    }

}
