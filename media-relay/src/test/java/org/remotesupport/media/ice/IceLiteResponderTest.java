package org.remotesupport.media.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.junit.jupiter.api.Test;

class IceLiteResponderTest {

    private final IceLiteResponder responder = new IceLiteResponder(Map.of("relayUf", "relay-password-123456789")::get);
    private final InetSocketAddress client = new InetSocketAddress("127.0.0.1", 50000);
    private final InetSocketAddress local = new InetSocketAddress("127.0.0.1", 10000);

    private static byte[] check(String username, String password, boolean nominate) throws Exception {
        StunStack stack = new StunStack();
        stack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            public byte[] getLocalKey(String u) {
                return null;
            }

            public byte[] getRemoteKey(String u, String m) {
                return password.getBytes(StandardCharsets.UTF_8);
            }

            public boolean checkLocalUserName(String u) {
                return false;
            }
        });
        Request request = MessageFactory.createBindingRequest(1234, false, 99);
        request.setTransactionID(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        request.putAttribute(AttributeFactory.createUsernameAttribute(username));
        if (nominate) {
            request.putAttribute(AttributeFactory.createUseCandidateAttribute());
        }
        request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
        request.putAttribute(AttributeFactory.createFingerprintAttribute());
        return request.encode(stack);
    }

    @Test
    void answersAValidCheckWithTheClientsMappedAddress() throws Exception {
        byte[] request = check("relayUf:clientUf", "relay-password-123456789", true);
        IceLiteResponder.Result result = responder.handle(request, request.length, client, local, ufrag -> "clientUf");
        assertThat(result.outcome()).isEqualTo(IceLiteResponder.Outcome.ANSWERED);
        assertThat(result.useCandidate()).isTrue();
        assertThat(result.localUfrag()).isEqualTo("relayUf");
        Message response = Message.decode(result.response(), 0, result.response().length);
        assertThat(response.getMessageType()).isEqualTo(Message.BINDING_SUCCESS_RESPONSE);
        assertThat(response.getTransactionID()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        XorMappedAddressAttribute mapped = (XorMappedAddressAttribute) response.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
        assertThat(mapped.getAddress(response.getTransactionID())).isEqualTo(new TransportAddress(client, Transport.UDP));
        assertThat(response.containsAttribute(Attribute.MESSAGE_INTEGRITY)).isTrue();
        assertThat(response.containsAttribute(Attribute.FINGERPRINT)).isTrue();
    }

    @Test
    void refusesWrongPasswordUnknownUfragAndWrongRemoteFragment() throws Exception {
        byte[] wrongPassword = check("relayUf:clientUf", "not-the-password-at-all", false);
        assertThat(responder.handle(wrongPassword, wrongPassword.length, client, local, u -> null).outcome())
                .isEqualTo(IceLiteResponder.Outcome.UNAUTHORISED);
        byte[] unknown = check("nobody:clientUf", "relay-password-123456789", false);
        assertThat(responder.handle(unknown, unknown.length, client, local, u -> null).outcome())
                .isEqualTo(IceLiteResponder.Outcome.UNAUTHORISED);
        byte[] otherClient = check("relayUf:intruder", "relay-password-123456789", false);
        assertThat(responder.handle(otherClient, otherClient.length, client, local, u -> "clientUf").outcome())
                .isEqualTo(IceLiteResponder.Outcome.UNAUTHORISED);
    }

    @Test
    void flagsGarbageAndTamperingAsMalformed() throws Exception {
        byte[] request = check("relayUf:clientUf", "relay-password-123456789", false);
        request[request.length - 1] ^= 1; // breaks the FINGERPRINT
        assertThat(responder.handle(request, request.length, client, local, u -> null).outcome())
                .isEqualTo(IceLiteResponder.Outcome.MALFORMED);
        byte[] garbage = new byte[30];
        garbage[4] = 0x21;
        assertThat(responder.handle(garbage, garbage.length, client, local, u -> null).outcome())
                .isEqualTo(IceLiteResponder.Outcome.MALFORMED);
    }
}
