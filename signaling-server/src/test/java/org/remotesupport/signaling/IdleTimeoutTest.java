package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A silent connection is closed after the idle timeout; its participant is reconnecting for the
 * grace period and then leaves its sessions; one that pings stays.
 */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"remote-support.signaling.idle-timeout=1s", "remote-support.signaling.resume-grace=30s"})
class IdleTimeoutTest {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    TestIdentities identities;

    @Test
    void aSilentAgentIsClosedAndItsSessionEndsWhileAPingingCustomerStays() {
        try (TestClient agent = TestClient.greeted(port, identities.agent("Ana"))) {
            ServerMessage.SessionCreated created = agent.request(new ClientMessage.SessionCreate("c"),
                    ServerMessage.SessionCreated.class);
            TestClient customer = TestClient.greeted(port, TestIdentities.inviteToken(created.link()), "Carla");
            customer.request(new ClientMessage.SessionJoin("j"), ServerMessage.SessionJoined.class);
            assertThat(customer.participantId()).isNotBlank();

            // the customer keeps talking until the server gives up on the silent agent
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            ServerMessage heard;
            do {
                assertThat(System.nanoTime()).as("agent closed in time").isLessThan(deadline);
                customer.send(new ClientMessage.Ping("p"));
                heard = customer.next();
            } while (heard instanceof ServerMessage.Pong);

            assertThat(heard).isEqualTo(new ServerMessage.ParticipantState(null, created.sessionId(),
                    agent.participantId(), "reconnecting"));
            // the answer to the ping that was under way when the agent dropped
            assertThat(customer.next()).isEqualTo(new ServerMessage.Pong("p"));
            assertThat(agent.awaitClose()).isEqualTo(4000);
            customer.assertAliveAndQuiet();

            clock.advance(Duration.ofSeconds(31));
            assertThat(customer.next()).isEqualTo(new ServerMessage.SessionEnded(null, created.sessionId(),
                    "agent_disconnected"));
            customer.assertAliveAndQuiet();
            customer.close();
        }
    }
}
