package org.remotesupport.signaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.FakeRelayControl;
import org.remotesupport.signaling.TestClient;
import org.remotesupport.signaling.TestIdentities;
import org.remotesupport.signaling.identity.AccessTokens;
import org.remotesupport.signaling.identity.Account;
import org.remotesupport.signaling.identity.AccountRole;
import org.remotesupport.testsupport.redis.RedisServerExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Two signaling nodes, each a whole application on its own port, share one Redis and one relay (the
 * relay reports to the listener registered last, node B's): an agent on node A and a customer on
 * node B meet in a session, exchange offers and see each other's media state, and the end of the
 * session reaches the customer across the nodes. Everything a participant receives from the other
 * node travelled over Redis pub/sub.
 */
class TwoNodeSignalingTest {

    private static final FakeRelayControl RELAY = new FakeRelayControl();
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    private final List<TestClient> clients = new ArrayList<>();

    /** One node: the signaling server and the shared relay, nothing scanned. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Node {

        @Bean
        RelayControl relayControl() {
            return RELAY;
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @BeforeAll
    static void startNodes() {
        String redis = RedisServerExtension.sharedServer().uri();
        nodeA = start("node-a", redis);
        nodeB = start("node-b", redis);
    }

    @AfterAll
    static void stopNodes() {
        nodeA.close();
        nodeB.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(TestClient::close);
    }

    private static ConfigurableApplicationContext start(String nodeId, String redisUri) {
        return new SpringApplicationBuilder(Node.class).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--remote-support.redis.uri=" + redisUri,
                // tokens signed on one node are good on the other
                "--remote-support.identity.token-secret=two-node-test-secret-of-at-least-32-bytes",
                // apart from the keys of other tests on the same server
                "--remote-support.redis.key-prefix=two-node:",
                "--remote-support.cluster.node-id=" + nodeId,
                "--remote-support.cluster.heartbeat-interval=500ms",
                "--remote-support.cluster.node-timeout=2s");
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((ServletWebServerApplicationContext) node).getWebServer().getPort();
    }

    private TestClient client(ConfigurableApplicationContext node, String token, String name) {
        TestClient client = TestClient.greeted(port(node), token, name);
        clients.add(client);
        return client;
    }

    private static String agentToken(ConfigurableApplicationContext node) {
        return node.getBean(AccessTokens.class).issue(new Account("ana", "Ana", "unused", AccountRole.AGENT,
                List.of("en"), List.of())).token();
    }

    @Test
    void anAgentOnOneNodeAndACustomerOnTheOtherShareASession() {
        TestClient agent = client(nodeA, agentToken(nodeA), null);

        ServerMessage.SessionCreated created = agent.request(new ClientMessage.SessionCreate(agent.nextId()),
                ServerMessage.SessionCreated.class);
        // the link made on node A is opened on node B
        TestClient customer = client(nodeB, TestIdentities.inviteToken(created.link()), "Carla");
        ServerMessage.SessionJoined joined = customer.request(
                new ClientMessage.SessionJoin(customer.nextId()), ServerMessage.SessionJoined.class);
        assertThat(joined.participants()).extracting(ServerMessage.Participant::name).containsExactly("Ana", "Carla");
        assertThat(agent.next(ServerMessage.ParticipantJoined.class).participant().participantId())
                .isEqualTo(customer.participantId());

        String sessionId = created.sessionId();
        ServerMessage.MediaOffer agentOffer = agent.request(new ClientMessage.MediaJoin(agent.nextId(), sessionId),
                ServerMessage.MediaOffer.class);
        ServerMessage.MediaOffer customerOffer = customer.request(
                new ClientMessage.MediaJoin(customer.nextId(), sessionId), ServerMessage.MediaOffer.class);
        assertThat(agentOffer.revision()).isEqualTo(1);
        assertThat(customerOffer.revision()).isEqualTo(1);

        // the relay reports to node B's listener; the agent's offer must be routed to node A
        assertThat(RELAY.hasEventListener()).isTrue();
        RELAY.reoffer(sessionId + "." + agent.participantId());
        assertThat(agent.next(ServerMessage.MediaOffer.class).revision()).isEqualTo(2);
        RELAY.reoffer(sessionId + "." + customer.participantId());
        assertThat(customer.next(ServerMessage.MediaOffer.class).revision()).isEqualTo(2);

        RELAY.changeState(sessionId + "." + customer.participantId(), RelayEvents.EndpointState.CONNECTED);
        assertThat(agent.next(ServerMessage.MediaState.class).participantId()).isEqualTo(customer.participantId());
        assertThat(customer.next(ServerMessage.MediaState.class).state()).isEqualTo("connected");

        agent.request(new ClientMessage.SessionLeave(agent.nextId()), ServerMessage.SessionLeft.class);
        assertThat(customer.next(ServerMessage.SessionEnded.class).reason()).isEqualTo("agent_left");
        assertThat(RELAY.isAllocated(sessionId + "." + customer.participantId())).isFalse();
        customer.assertAliveAndQuiet();
        agent.assertAliveAndQuiet();
    }

    @Test
    void aCustomerWhoseConnectionDropsOnOneNodeResumesOnTheOther() {
        TestClient agent = client(nodeA, agentToken(nodeA), null);
        ServerMessage.SessionCreated created = agent.request(new ClientMessage.SessionCreate(agent.nextId()),
                ServerMessage.SessionCreated.class);
        TestClient customer = client(nodeB, TestIdentities.inviteToken(created.link()), "Carla");
        customer.request(new ClientMessage.SessionJoin(customer.nextId()), ServerMessage.SessionJoined.class);
        agent.nextOf(ServerMessage.ParticipantJoined.class);
        String sessionId = created.sessionId();
        String endpoint = sessionId + "." + customer.participantId();
        customer.request(new ClientMessage.MediaJoin(customer.nextId(), sessionId), ServerMessage.MediaOffer.class);

        // the customer's network drops; node B notices and the agent on node A is told
        customer.abort();
        assertThat(agent.nextOf(ServerMessage.ParticipantState.class).state()).isEqualTo("reconnecting");
        // meanwhile the relay renegotiates; the offer waits in the shared session for the customer
        RELAY.reoffer(endpoint);

        // the load balancer sends the reconnecting phone to node A
        TestClient back = TestClient.resumed(port(nodeA), customer.accessToken(), customer.welcome().resumeToken());
        clients.add(back);
        assertThat(back.participantId()).isEqualTo(customer.participantId());
        assertThat(back.nextOf(ServerMessage.SessionStarted.class).resumed()).isTrue();
        assertThat(back.nextOf(ServerMessage.MediaOffer.class).revision()).isEqualTo(2);
        assertThat(agent.nextOf(ServerMessage.ParticipantState.class).state()).isEqualTo("connected");
        assertThat(nodeB.getBean(ParticipantDirectory.class).nodeOf(back.participantId())).contains("node-a");

        // what happens next reaches the customer on its new node
        RELAY.changeState(endpoint, RelayEvents.EndpointState.CONNECTED);
        assertThat(back.nextOf(ServerMessage.MediaState.class).state()).isEqualTo("connected");
        assertThat(agent.nextOf(ServerMessage.MediaState.class).participantId()).isEqualTo(back.participantId());
        agent.request(new ClientMessage.SessionLeave(agent.nextId(), sessionId), ServerMessage.SessionLeft.class);
        assertThat(back.nextOf(ServerMessage.SessionEnded.class).reason()).isEqualTo("agent_left");
    }

    @Test
    void eachNodeRecordsItsParticipantsInTheSharedDirectoryUntilTheyDisconnect() {
        ParticipantDirectory directoryA = nodeA.getBean(ParticipantDirectory.class);
        TestClient onA = client(nodeA, agentToken(nodeA), null);
        TestClient onB = client(nodeB, nodeB.getBean(AccessTokens.class).issueCustomer("Carla", "t-1", null).token(),
                null);

        assertThat(directoryA.nodeOf(onA.participantId())).contains("node-a");
        assertThat(directoryA.nodeOf(onB.participantId())).contains("node-b");
        assertThat(directoryA.liveNodes()).contains("node-a", "node-b");

        onB.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (directoryA.nodeOf(onB.participantId()).isPresent() && System.nanoTime() < deadline) {
            // the server notices the close on its own thread; poll until then, bounded by the deadline
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        assertThat(directoryA.nodeOf(onB.participantId())).as("entry after the connection closed").isEmpty();
    }
}
