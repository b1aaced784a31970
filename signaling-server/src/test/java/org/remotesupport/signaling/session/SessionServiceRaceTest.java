package org.remotesupport.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.FakeRelayControl;

/**
 * A customer joining while the agent leaves, many times over: whichever wins, the customer sees a
 * consistent story and no membership is left behind.
 */
class SessionServiceRaceTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void joinAndEndNeverInterleave() throws Exception {
        InMemorySessionRegistry registry = new InMemorySessionRegistry();
        Map<String, List<ServerMessage>> inbox = new ConcurrentHashMap<>();
        MessageSink sink = (participant, message) ->
                inbox.computeIfAbsent(participant, p -> new CopyOnWriteArrayList<>()).add(message);
        SessionService service = new SessionService(registry, new InMemorySessionLocks(), new FakeRelayControl(), sink,
                Clock.systemUTC(), new Random(3), 1);

        for (int round = 0; round < 300; round++) {
            Member agent = new Member("a" + round, Role.AGENT, "Ana");
            Member customer = new Member("c" + round, Role.CUSTOMER, "Carla");
            String sessionId = service.open(agent, null, Instant.now().plus(Duration.ofMinutes(5)));
            CountDownLatch start = new CountDownLatch(1);
            Future<?> join = threads.submit(() -> {
                start.await();
                try {
                    service.join(customer, "j", sessionId);
                } catch (SignalingException refused) {
                    assertThat(refused.code().wire()).isEqualTo("not_in_session");
                }
                return null;
            });
            Future<?> leave = threads.submit(() -> {
                start.await();
                service.leave(agent, "l", null);
                return null;
            });
            start.countDown();
            join.get(10, TimeUnit.SECONDS);
            leave.get(10, TimeUnit.SECONDS);

            List<Class<?>> seen = inbox.getOrDefault(customer.participantId(), List.of()).stream()
                    .<Class<?>>map(Object::getClass).toList();
            assertThat(seen).isIn(List.of(), List.of(ServerMessage.SessionJoined.class, ServerMessage.SessionEnded.class));
            assertThat(registry.sessionIdsOf(customer.participantId())).isEmpty();
            assertThat(registry.find(sessionId)).isEmpty();
        }
        assertThat(registry.size()).isZero();
    }

}
