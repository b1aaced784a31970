package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.recording.RecordingEntry;
import org.remotesupport.signaling.recording.RecordingIndex;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The consent flow on {@code /ws} against the stand-in relay: nothing is recorded until the customer
 * agrees, a refusal reaches the agent, only the right people may ask, answer and stop, and a granted
 * recording is indexed with the consent and completed when it stops, and gets the session's outcome.
 */
class RecordingConsentTest extends SignalingIntegrationTest {

    @Autowired
    RecordingIndex index;

    TestClient agent;
    TestClient customer;
    String sessionId;

    @BeforeEach
    void sessionWithCustomer() {
        agent = agent("Ana");
        ServerMessage.SessionCreated created = create(agent);
        sessionId = created.sessionId();
        customer = customer("Carla", created);
        join(customer, agent);
    }

    @Test
    void aRefusalIsToldToTheAgentAndNothingIsRecorded() {
        ServerMessage.RecordingConsentRequest asked = agent.request(
                new ClientMessage.RecordingRequest(agent.nextId(), sessionId), ServerMessage.RecordingConsentRequest.class);
        assertThat(asked.sessionId()).isEqualTo(sessionId);
        assertThat(customer.next(ServerMessage.RecordingConsentRequest.class).requestedBy()).isEqualTo("Ana");
        // while the customer is being asked, asking again is refused
        agent.refused(new ClientMessage.RecordingRequest(agent.nextId(), sessionId), ErrorCode.RECORDING_IN_PROGRESS);

        customer.request(new ClientMessage.RecordingConsent(customer.nextId(), sessionId, false),
                ServerMessage.RecordingDeclined.class);
        assertThat(agent.next(ServerMessage.RecordingDeclined.class).sessionId()).isEqualTo(sessionId);
        assertThat(relay.recordings()).doesNotContainKey(sessionId);
        assertThat(index.ofSession(sessionId)).isEmpty();
        // the answer was given: answering again has nothing to answer
        customer.refused(new ClientMessage.RecordingConsent(customer.nextId(), sessionId, true), ErrorCode.NOT_RECORDING);
    }

    @Test
    void onlyTheAgentAsksAndOnlyTheCustomerAnswers() {
        customer.refused(new ClientMessage.RecordingRequest(customer.nextId(), sessionId), ErrorCode.FORBIDDEN);
        customer.refused(new ClientMessage.RecordingConsent(customer.nextId(), sessionId, true), ErrorCode.NOT_RECORDING);
        agent.request(new ClientMessage.RecordingRequest(agent.nextId(), sessionId),
                ServerMessage.RecordingConsentRequest.class);
        customer.next(ServerMessage.RecordingConsentRequest.class);
        agent.refused(new ClientMessage.RecordingConsent(agent.nextId(), sessionId, true), ErrorCode.FORBIDDEN);
        customer.refused(new ClientMessage.RecordingConsent(customer.nextId(), sessionId, null), ErrorCode.INVALID_FIELD);
        // someone from another session cannot touch this one
        TestClient outsider = agent("Bo");
        create(outsider);
        outsider.refused(new ClientMessage.RecordingRequest(outsider.nextId(), sessionId), ErrorCode.NOT_IN_SESSION);
        outsider.refused(new ClientMessage.RecordingStop(outsider.nextId(), sessionId), ErrorCode.NOT_IN_SESSION);
        assertThat(relay.recordings()).doesNotContainKey(sessionId);
    }

    @Test
    void aGrantedRecordingRunsUntilTheCustomerWithdrawsAndIsIndexedWithTheConsent() throws InterruptedException {
        agent.request(new ClientMessage.RecordingRequest(agent.nextId(), sessionId),
                ServerMessage.RecordingConsentRequest.class);
        customer.next(ServerMessage.RecordingConsentRequest.class);
        ServerMessage.RecordingStarted started = customer.request(
                new ClientMessage.RecordingConsent(customer.nextId(), sessionId, true), ServerMessage.RecordingStarted.class);
        assertThat(agent.next(ServerMessage.RecordingStarted.class).recordingId()).isEqualTo(started.recordingId());
        // the customer's camera is the recorded video
        assertThat(relay.callsFor(endpoint(sessionId, customer))).anySatisfy(call -> {
            assertThat(call.operation()).isEqualTo("startRecording");
            assertThat(call.sdp()).isEqualTo(started.recordingId());
        });
        RecordingEntry running = index.find(started.recordingId()).orElseThrow();
        assertThat(running.state()).isEqualTo(RecordingEntry.RECORDING);
        assertThat(running.consent().granted()).isTrue();
        assertThat(running.consent().customerName()).isEqualTo("Carla");
        agent.refused(new ClientMessage.RecordingRequest(agent.nextId(), sessionId), ErrorCode.RECORDING_IN_PROGRESS);

        // the customer may withdraw at any time
        ServerMessage.RecordingStopped stopped = customer.request(
                new ClientMessage.RecordingStop(customer.nextId(), sessionId), ServerMessage.RecordingStopped.class);
        assertThat(stopped.recordingId()).isEqualTo(started.recordingId());
        assertThat(stopped.reason()).isEqualTo("stopped");
        assertThat(agent.next(ServerMessage.RecordingStopped.class).durationMs()).isEqualTo(2000);
        assertThat(relay.recordings()).doesNotContainKey(sessionId);
        RecordingEntry done = index.find(started.recordingId()).orElseThrow();
        assertThat(done.state()).isEqualTo(RecordingEntry.COMPLETE);
        assertThat(done.endedAt()).isNotNull();
        assertThat(done.width()).isEqualTo(640);
        agent.refused(new ClientMessage.RecordingStop(agent.nextId(), sessionId), ErrorCode.NOT_RECORDING);

        // the agent's outcome on ending reaches the recording, for the library's outcome filter
        agent.send(new ClientMessage.SessionEnd(agent.nextId(), sessionId, "replacement", null));
        customer.next(ServerMessage.SessionEnded.class);
        assertThat(outcomeWithin(started.recordingId(), Duration.ofSeconds(10))).isEqualTo("replacement");
    }

    /** Polls the index until the recording has an outcome or the time is up (it is written on a worker). */
    private String outcomeWithin(String recordingId, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        String outcome = index.find(recordingId).orElseThrow().outcome();
        while (outcome == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            outcome = index.find(recordingId).orElseThrow().outcome();
        }
        return outcome;
    }
}
