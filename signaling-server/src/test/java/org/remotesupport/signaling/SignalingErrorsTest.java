package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.remotesupport.protocol.relay.RelayException;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ProtocolVersion;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.identity.AccountRole;

/**
 * Every error code the server can be made to send from outside, and after each one proof that the
 * connection, its session and the relay state are as they were.
 */
class SignalingErrorsTest extends SignalingIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"type\":\"ping\"", "[1,2]", "\"ping\"", "42", "null"})
    void aFrameThatIsNotAJsonObjectIsABadMessage(String frame) {
        TestClient client = agent("Ana");

        assertThat(client.refusedRaw(frame, ErrorCode.BAD_MESSAGE).replyTo()).isNull();
        client.assertAliveAndQuiet();
    }

    @Test
    void aBinaryFrameIsABadMessage() {
        TestClient client = agent("Ana");

        client.sendBinary(new byte[20_000]);

        assertThat(client.next(ServerMessage.Error.class).code()).isEqualTo(ErrorCode.BAD_MESSAGE.wire());
        client.assertAliveAndQuiet();
    }

    @Test
    void anUnknownTypeIsNamedAndTheIdEchoed() {
        TestClient client = agent("Ana");

        ServerMessage.Error error = client.refusedRaw("{\"type\":\"session.explode\",\"id\":\"x1\"}", ErrorCode.UNKNOWN_TYPE);

        assertThat(error.replyTo()).isEqualTo("x1");
        assertThat(error.message()).contains("session.explode");
        client.assertAliveAndQuiet();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\":\"x\"}",
            "{\"type\":7,\"id\":\"x\"}",
            "{\"type\":\"session.join\",\"id\":\"x\",\"sessionId\":{\"a\":1}}",
            "{\"type\":\"session.join\",\"id\":\"x\",\"sessionId\":\"sssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss\"}",
            "{\"type\":\"customer.invite\",\"id\":\"x\",\"language\":\"not a language\"}",
            "{\"type\":\"customer.invite\",\"id\":\"x\",\"tier\":\"gold\"}",
            "{\"type\":\"customer.invite\",\"id\":\"x\",\"orderNumber\":\"11111111111111111111111111111111111111111111111111111111111111111\"}",
            "{\"type\":\"customer.invite\",\"id\":\"x\",\"agent\":\"nobody\"}",
            "{\"type\":\"media.answer\",\"id\":\"x\",\"sdp\":\"v=0\"}",
            "{\"type\":\"media.answer\",\"id\":\"x\",\"revision\":-1,\"sdp\":\"v=0\"}",
            "{\"type\":\"media.answer\",\"id\":\"x\",\"revision\":99999999999,\"sdp\":\"v=0\"}",
            "{\"type\":\"media.answer\",\"id\":\"x\",\"revision\":1}",
            "{\"type\":\"media.answer\",\"id\":\"x\",\"revision\":1,\"sdp\":\"  \"}",
            "{\"type\":\"media.join\",\"id\":\"x\",\"sessionId\":\"\"}",
            "{\"type\":\"session.leave\",\"id\":\"x\",\"sessionId\":[]}",
    })
    void aMissingOrMalformedFieldIsAnInvalidField(String frame) {
        TestClient client = agent("Ana");

        assertThat(client.refusedRaw(frame, ErrorCode.INVALID_FIELD).replyTo()).isEqualTo("x");
        client.assertAliveAndQuiet();
    }

    @Test
    void anIdThatIsNotAShortStringIsAnInvalidFieldWithoutReplyTo() {
        TestClient client = agent("Ana");

        assertThat(client.refusedRaw("{\"type\":\"ping\",\"id\":12}", ErrorCode.INVALID_FIELD).replyTo()).isNull();
        assertThat(client.refusedRaw("{\"type\":\"ping\",\"id\":\"" + "i".repeat(65) + "\"}", ErrorCode.INVALID_FIELD)
                .replyTo()).isNull();
        client.assertAliveAndQuiet();
    }

    @Test
    void helloFieldsAreChecked() {
        TestClient client = connect();
        String token = identities.agent("Ana");
        client.refusedRaw("{\"type\":\"hello\",\"id\":\"x\",\"token\":\"" + token + "\"}", ErrorCode.INVALID_FIELD);
        client.refusedRaw("{\"type\":\"hello\",\"id\":\"x\",\"v\":\"two\",\"token\":\"" + token + "\"}",
                ErrorCode.INVALID_FIELD);
        client.refused(new ClientMessage.Hello("1", ProtocolVersion.CURRENT, null, "A"), ErrorCode.INVALID_TOKEN);
        client.refused(new ClientMessage.Hello("2", ProtocolVersion.CURRENT, "t".repeat(4097)), ErrorCode.INVALID_FIELD);
        client.refused(new ClientMessage.Hello("3", ProtocolVersion.CURRENT, token, "   "), ErrorCode.INVALID_FIELD);
        client.refused(new ClientMessage.Hello("4", ProtocolVersion.CURRENT, token, "n".repeat(65)), ErrorCode.INVALID_FIELD);
        client.refused(new ClientMessage.Hello("5", ProtocolVersion.CURRENT, token, "bad\u0007name"), ErrorCode.INVALID_FIELD);

        // none of these counted as hello
        client.refused(new ClientMessage.Ping("6"), ErrorCode.HELLO_REQUIRED);
        client.request(new ClientMessage.Hello("7", ProtocolVersion.CURRENT, token, "n".repeat(64)), ServerMessage.Welcome.class);
    }

    @Test
    void anSdpLongerThanTheLimitIsAnInvalidField() {
        TestClient agent = agent("Ana");
        String sessionId = create(agent).sessionId();
        negotiate(agent, sessionId);
        String tooLong = "v=0\r\n" + "a".repeat(32 * 1024);

        agent.refused(new ClientMessage.MediaAnswer("big", 1, tooLong), ErrorCode.INVALID_FIELD);

        assertThat(relay.callsFor(endpoint(sessionId, agent))).hasSize(2);
        agent.assertAliveAndQuiet();
    }

    @ParameterizedTest
    @ValueSource(ints = {64 * 1024 + 1, 70_000, 2 * 1024 * 1024})
    void aFrameOverTheLimitIsTooLargeAndTheSessionSurvives(int size) {
        TestClient agent = agent("Ana");
        ServerMessage.SessionCreated created = create(agent);
        TestClient customer = customer("Carla", created);
        join(customer, agent);
        String padding = "p".repeat(size - "{\"type\":\"ping\",\"id\":\"big\",\"pad\":\"\"}".length());
        String frame = "{\"type\":\"ping\",\"id\":\"big\",\"pad\":\"" + padding + "\"}";
        assertThat(frame).hasSize(size);

        ServerMessage.Error error = agent.refusedRaw(frame, ErrorCode.MESSAGE_TOO_LARGE);

        assertThat(error.replyTo()).isNull();
        agent.assertAliveAndQuiet();
        customer.assertAliveAndQuiet();
        agent.request(new ClientMessage.SessionLeave("l", created.sessionId()), ServerMessage.SessionLeft.class);
        assertThat(customer.next(ServerMessage.SessionEnded.class).sessionId()).isEqualTo(created.sessionId());
    }

    @Test
    void aFrameExactlyAtTheLimitIsAccepted() {
        TestClient client = agent("Ana");
        String frame = "{\"type\":\"ping\",\"id\":\"edge\",\"pad\":\"\"}";
        frame = frame.replace("\"pad\":\"\"", "\"pad\":\"" + "é".repeat((64 * 1024 - frame.length()) / 2) + "\"");
        assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isBetween(64 * 1024 - 1, 64 * 1024);

        client.sendRaw(frame);

        assertThat(client.next()).isEqualTo(new ServerMessage.Pong("edge"));
    }

    @Test
    void everythingButHelloIsRefusedBeforeHello() {
        TestClient client = connect();
        client.refused(new ClientMessage.Ping("1"), ErrorCode.HELLO_REQUIRED);
        client.refused(new ClientMessage.SessionCreate("2"), ErrorCode.HELLO_REQUIRED);
        client.refused(new ClientMessage.SessionJoin("3"), ErrorCode.HELLO_REQUIRED);
        client.refused(new ClientMessage.MediaJoin("4"), ErrorCode.HELLO_REQUIRED);

        client.request(new ClientMessage.Hello("5", ProtocolVersion.CURRENT, identities.agent("Ana")),
                ServerMessage.Welcome.class);
        client.assertAliveAndQuiet();
    }

    @Test
    void anotherVersionIsRefusedAndTheConnectionMayRetry() {
        TestClient client = connect();

        String token = identities.agent("Ana");
        ServerMessage.Error error = client.refused(new ClientMessage.Hello("1", 1, token), ErrorCode.UNSUPPORTED_VERSION);

        assertThat(error.message()).contains(String.valueOf(ProtocolVersion.CURRENT));
        // another version's hello may lack fields this version needs; the version decides first
        client.refused(new ClientMessage.Hello("2", 3, null), ErrorCode.UNSUPPORTED_VERSION);
        client.request(new ClientMessage.Hello("3", ProtocolVersion.CURRENT, token), ServerMessage.Welcome.class);
    }

    @Test
    void helloIsAcceptedOnce() {
        TestClient client = agent("Ana");

        client.refused(new ClientMessage.Hello("again", ProtocolVersion.CURRENT, identities.queuedCustomer("Eve")),
                ErrorCode.DUPLICATE_HELLO);

        // still an agent
        create(client);
    }

    @Test
    void rolesAreEnforced() {
        TestClient agent = agent("Ana");
        ServerMessage.SessionCreated created = create(agent);
        TestClient customer = customer("Carla", created);

        customer.refused(new ClientMessage.SessionCreate("c"), ErrorCode.FORBIDDEN);
        customer.refused(new ClientMessage.CustomerInvite("i", "A-1", null, null, null, null, null, null), ErrorCode.FORBIDDEN);
        agent.refused(new ClientMessage.SessionJoin("j", created.sessionId()), ErrorCode.FORBIDDEN);
        TestClient trainee = track(TestClient.greeted(port, identities.staff("Tia", AccountRole.TRAINEE)));
        trainee.refused(new ClientMessage.SessionCreate("c"), ErrorCode.FORBIDDEN);
        trainee.refused(new ClientMessage.CustomerInvite("i", "A-1", null, null, null, null, null, null), ErrorCode.FORBIDDEN);

        // the refusals used up nothing
        join(customer, agent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-token", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbmEifQ."})
    void aTokenThatIsNotThisServersIsInvalid(String token) {
        TestClient client = connect();

        client.refused(new ClientMessage.Hello("h", ProtocolVersion.CURRENT, token), ErrorCode.INVALID_TOKEN);
        client.refused(new ClientMessage.Ping("p"), ErrorCode.HELLO_REQUIRED);
    }

    @Test
    void aTamperedTokenIsInvalidAndAnExpiredOneSaysSo() {
        String token = identities.agent("Ana");
        String[] parts = token.split("\\.");
        // the payload with one character changed keeps its shape but not its signature
        char last = parts[1].charAt(parts[1].length() - 2);
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + (last == 'A' ? 'B' : 'A')
                + parts[1].charAt(parts[1].length() - 1) + "." + parts[2];
        TestClient client = connect();

        client.refused(new ClientMessage.Hello("1", ProtocolVersion.CURRENT, tampered), ErrorCode.INVALID_TOKEN);
        clock.advance(Duration.ofHours(8));
        ServerMessage.Error expired = client.refused(new ClientMessage.Hello("2", ProtocolVersion.CURRENT, token),
                ErrorCode.TOKEN_EXPIRED);
        assertThat(expired.message()).contains("sign in again");
        client.request(new ClientMessage.Hello("3", ProtocolVersion.CURRENT, identities.agent("Ana")),
                ServerMessage.Welcome.class);
    }

    @Test
    void sessionMessagesOutsideASessionAreRefused() {
        TestClient customer = queuedCustomer("Carla");

        customer.refused(new ClientMessage.SessionLeave("l"), ErrorCode.NOT_IN_SESSION);
        customer.refused(new ClientMessage.MediaJoin("m"), ErrorCode.NOT_IN_SESSION);
        customer.refused(new ClientMessage.MediaAnswer("a", 1, ANSWER_SDP), ErrorCode.NOT_IN_SESSION);
        customer.refused(new ClientMessage.MediaJoin("n", "nosuchsession"), ErrorCode.NOT_IN_SESSION);
        customer.assertAliveAndQuiet();
    }

    @Test
    void aCustomerJoinsOnceAndOnlyItsOwnSession() {
        TestClient agent = agent("Ana");
        ServerMessage.SessionCreated created = create(agent);
        TestClient customer = customer("Carla", created);
        join(customer, agent);

        customer.refused(new ClientMessage.SessionJoin("again"), ErrorCode.ALREADY_IN_SESSION);
        queuedCustomer("Dan").refused(new ClientMessage.SessionJoin("j"), ErrorCode.FORBIDDEN);

        agent.assertAliveAndQuiet();
        assertThat(customer.request(new ClientMessage.SessionLeave("l"), ServerMessage.SessionLeft.class).sessionId())
                .isEqualTo(created.sessionId());
    }

    @Test
    void anAgentConnectionHoldsAtMostTheConfiguredNumberOfSessions() {
        TestClient agent = agent("Ana");
        for (int i = 0; i < 4; i++) {
            create(agent);
        }

        agent.refused(new ClientMessage.SessionCreate("fifth"), ErrorCode.SESSION_LIMIT);

        // another agent connection has its own allowance
        create(agent("Bo"));
    }

    @Test
    void mediaIsJoinedOncePerSession() {
        TestClient agent = agent("Ana");
        String sessionId = create(agent).sessionId();
        negotiate(agent, sessionId);

        agent.refused(new ClientMessage.MediaJoin("again"), ErrorCode.MEDIA_ALREADY_JOINED);

        assertThat(relay.callsFor(endpoint(sessionId, agent))).extracting(FakeRelayControl.Call::operation)
                .containsExactly("allocate", "answer");
    }

    @Test
    void anAnswerBeforeMediaJoinIsRefused() {
        TestClient agent = agent("Ana");
        String sessionId = create(agent).sessionId();

        agent.refused(new ClientMessage.MediaAnswer("a", 1, ANSWER_SDP), ErrorCode.MEDIA_NOT_JOINED);

        assertThat(relay.callsFor(endpoint(sessionId, agent))).isEmpty();
        negotiate(agent, sessionId);
    }

    @Test
    void relayRefusalsOfAnswersMapToStableCodes() {
        TestClient agent = agent("Ana");
        String sessionId = create(agent).sessionId();
        ServerMessage.MediaOffer offer = agent.request(new ClientMessage.MediaJoin("m"), ServerMessage.MediaOffer.class);

        agent.refused(new ClientMessage.MediaAnswer("old", offer.revision() + 4, ANSWER_SDP), ErrorCode.STALE_REVISION);
        agent.refused(new ClientMessage.MediaAnswer("junk", offer.revision(), "hello relay"), ErrorCode.INVALID_SDP);

        // the offer is still outstanding and can be answered
        agent.request(new ClientMessage.MediaAnswer("good", offer.revision(), ANSWER_SDP, sessionId),
                ServerMessage.MediaAccepted.class);
    }

    @Test
    void aRelayWithoutCapacityMakesMediaUnavailableAndJoiningMayBeRetried() {
        TestClient agent = agent("Ana");
        String sessionId = create(agent).sessionId();
        relay.failNextAllocate(new RelayException(RelayException.Reason.CAPACITY, "relay full"));

        agent.refused(new ClientMessage.MediaJoin("m"), ErrorCode.MEDIA_UNAVAILABLE);

        negotiate(agent, sessionId);
    }

    @Test
    void aRelayThatFailsUnexpectedlyMakesMediaUnavailable() {
        TestClient agent = agent("Ana");
        String sessionId = create(agent).sessionId();
        relay.failNextAllocate(new IllegalStateException("relay in a bad state"));

        agent.refused(new ClientMessage.MediaJoin("m"), ErrorCode.MEDIA_UNAVAILABLE);

        negotiate(agent, sessionId);
    }
}
