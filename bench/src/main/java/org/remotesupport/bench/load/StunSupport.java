package org.remotesupport.bench.load;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;

/**
 * Writes and reads the STUN messages of ICE connectivity checks for every endpoint of the load
 * generator, with ice4j's codec (the same one the relay uses): Binding requests as a browser sends
 * them, and Binding success responses to the checks a full ICE agent such as Janus sends us.
 * ice4j's stack only holds the credentials its codec asks for; it does no I/O here. Thread-safe.
 */
final class StunSupport {

    private final StunStack stack = new StunStack();
    private final Map<String, LoadEndpoint> byLocalUfrag = new ConcurrentHashMap<>();
    private final SecureRandom random;

    StunSupport(SecureRandom random) {
        this.random = random;
        stack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            @Override
            public byte[] getLocalKey(String username) {
                // responses we send: the username is "ours:theirs", the key our own password
                LoadEndpoint endpoint = byLocalUfrag.get(before(username));
                return endpoint == null ? null : endpoint.password().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] getRemoteKey(String username, String media) {
                // requests we send: the username is "theirs:ours", the key the remote password
                LoadEndpoint endpoint = byLocalUfrag.get(after(username));
                return endpoint == null ? null : endpoint.remotePassword().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public boolean checkLocalUserName(String username) {
                return byLocalUfrag.containsKey(before(username));
            }
        });
    }

    void register(LoadEndpoint endpoint) {
        byLocalUfrag.put(endpoint.ufrag(), endpoint);
    }

    void unregister(LoadEndpoint endpoint) {
        byLocalUfrag.remove(endpoint.ufrag());
    }

    /** A Binding request from {@code endpoint} to its remote agent; nominates the pair when asked to. */
    byte[] bindingRequest(LoadEndpoint endpoint, boolean nominate) throws Exception {
        // priority of a host candidate as RFC 8445 section 5.1.2.1 computes it
        long priority = (126L << 24) | (65535L << 8) | 255;
        Request request = MessageFactory.createBindingRequest(priority, endpoint.controlling(), endpoint.tieBreaker());
        byte[] transactionId = new byte[12];
        random.nextBytes(transactionId);
        request.setTransactionID(transactionId);
        String username = endpoint.remoteUfrag() + ":" + endpoint.ufrag();
        request.putAttribute(AttributeFactory.createUsernameAttribute(username));
        if (nominate) {
            request.putAttribute(AttributeFactory.createUseCandidateAttribute());
        }
        request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
        request.putAttribute(AttributeFactory.createFingerprintAttribute());
        return request.encode(stack);
    }

    /**
     * The Binding success response to a check another agent sent {@code endpoint}, or null when the
     * datagram is not a Binding request for it.
     */
    byte[] answer(LoadEndpoint endpoint, byte[] data, int length, InetSocketAddress sender) throws Exception {
        Message message = Message.decode(data, 0, length);
        if (!(message instanceof Request) || message.getMessageType() != Message.BINDING_REQUEST) {
            return null;
        }
        UsernameAttribute user = (UsernameAttribute) message.getAttribute(Attribute.USERNAME);
        if (user == null) {
            return null;
        }
        String username = new String(user.getUsername(), StandardCharsets.UTF_8);
        if (!before(username).equals(endpoint.ufrag())) {
            return null;
        }
        Response response = MessageFactory.createBindingResponse((Request) message,
                new TransportAddress(sender, Transport.UDP));
        response.setTransactionID(message.getTransactionID());
        response.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
        response.putAttribute(AttributeFactory.createFingerprintAttribute());
        return response.encode(stack);
    }

    /** STUN message type of a datagram already classified as STUN. */
    static int messageType(byte[] data) {
        return ((data[0] & 0xff) << 8) | (data[1] & 0xff);
    }

    private static String before(String username) {
        int colon = username.indexOf(':');
        return colon < 0 ? username : username.substring(0, colon);
    }

    private static String after(String username) {
        int colon = username.indexOf(':');
        return colon < 0 ? username : username.substring(colon + 1);
    }
}
