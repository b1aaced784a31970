package org.remotesupport.media.ice;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.FingerprintAttribute;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.RawMessage;
import org.ice4j.stack.StunStack;

/**
 * The ICE-lite side of connectivity checks (RFC 8445 section 2.5): takes a datagram that looks
 * like STUN, checks that it is a Binding request whose USERNAME names one of our endpoints and whose
 * MESSAGE-INTEGRITY verifies with that endpoint's password, and returns the Binding success
 * response to send back (XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY, FINGERPRINT). Uses ice4j's STUN
 * codec; ice4j's stack is used only as the holder of credentials its codec asks for, never for I/O.
 * Thread-safe.
 */
public final class IceLiteResponder {

    /** What became of one STUN datagram. */
    public enum Outcome {
        /** A valid check: send {@link Result#response()}; the endpoint is {@link Result#localUfrag()}. */
        ANSWERED,
        /** Not a parseable STUN message. */
        MALFORMED,
        /** Unknown username, wrong remote fragment or failed MESSAGE-INTEGRITY. */
        UNAUTHORISED,
        /** A valid STUN message that a lite agent does not answer (responses, indications). */
        IGNORED
    }

    /**
     * The outcome and, for a valid check, the response, the endpoint's local ufrag, the client's
     * ufrag and whether the client nominated this pair (USE-CANDIDATE).
     */
    public record Result(Outcome outcome, byte[] response, String localUfrag, String remoteUfrag, boolean useCandidate) {
        static Result of(Outcome outcome) {
            return new Result(outcome, null, null, null, false);
        }
    }

    private final Function<String, String> passwordByLocalUfrag;
    private final StunStack credentialsHolder;

    /** {@code passwordByLocalUfrag} returns an endpoint's ice-pwd for its ice-ufrag, or null. */
    public IceLiteResponder(Function<String, String> passwordByLocalUfrag) {
        this.passwordByLocalUfrag = passwordByLocalUfrag;
        this.credentialsHolder = new StunStack();
        credentialsHolder.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            @Override
            public byte[] getLocalKey(String username) {
                String password = passwordByLocalUfrag.apply(localPart(username));
                return password == null ? null : password.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] getRemoteKey(String username, String media) {
                return null;
            }

            @Override
            public boolean checkLocalUserName(String username) {
                return passwordByLocalUfrag.apply(localPart(username)) != null;
            }
        });
    }

    /**
     * Handles one datagram from {@code sender} that arrived on {@code local}.
     *
     * @param expectedRemoteUfrag returns the client's ufrag once its answer is known (null before),
     *                            so a check from someone who only learned our credentials is refused
     */
    public Result handle(byte[] data, int length, InetSocketAddress sender, InetSocketAddress local,
                         Function<String, String> expectedRemoteUfrag) {
        if (!hasValidFingerprint(data, length)) {
            return Result.of(Outcome.MALFORMED);
        }
        Message message;
        try {
            message = Message.decode(data, 0, length);
        } catch (StunException | RuntimeException e) {
            return Result.of(Outcome.MALFORMED);
        }
        if (!(message instanceof Request) || message.getMessageType() != Message.BINDING_REQUEST) {
            return Result.of(Outcome.IGNORED);
        }
        UsernameAttribute usernameAttribute = (UsernameAttribute) message.getAttribute(Attribute.USERNAME);
        MessageIntegrityAttribute integrity = (MessageIntegrityAttribute) message.getAttribute(Attribute.MESSAGE_INTEGRITY);
        if (usernameAttribute == null || integrity == null) {
            return Result.of(Outcome.UNAUTHORISED);
        }
        String username = new String(usernameAttribute.getUsername(), StandardCharsets.UTF_8);
        int colon = username.indexOf(':');
        if (colon <= 0 || colon == username.length() - 1) {
            return Result.of(Outcome.UNAUTHORISED);
        }
        String localUfrag = username.substring(0, colon);
        String remoteUfrag = username.substring(colon + 1);
        if (passwordByLocalUfrag.apply(localUfrag) == null) {
            return Result.of(Outcome.UNAUTHORISED);
        }
        String expectedRemote = expectedRemoteUfrag.apply(localUfrag);
        if (expectedRemote != null && !expectedRemote.equals(remoteUfrag)) {
            return Result.of(Outcome.UNAUTHORISED);
        }
        TransportAddress from = new TransportAddress(sender, Transport.UDP);
        TransportAddress to = new TransportAddress(local, Transport.UDP);
        RawMessage raw = RawMessage.build(data, length, from, to);
        if (!credentialsHolder.validateMessageIntegrity(integrity, username, true, raw)) {
            return Result.of(Outcome.UNAUTHORISED);
        }
        try {
            Response response = MessageFactory.createBindingResponse((Request) message, from);
            response.setTransactionID(message.getTransactionID());
            response.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
            response.putAttribute(AttributeFactory.createFingerprintAttribute());
            byte[] encoded = response.encode(credentialsHolder);
            boolean useCandidate = message.containsAttribute(Attribute.USE_CANDIDATE);
            return new Result(Outcome.ANSWERED, encoded, localUfrag, remoteUfrag, useCandidate);
        } catch (StunException | RuntimeException e) {
            return Result.of(Outcome.MALFORMED);
        }
    }

    /**
     * ICE requires FINGERPRINT as the last attribute of every check (RFC 8445 section 7.1.1); it is
     * what tells STUN apart from other protocols on a shared port, so a check without a valid one is refused.
     */
    private static boolean hasValidFingerprint(byte[] data, int length) {
        if (length < 28 || ((data[length - 8] & 0xff) << 8 | (data[length - 7] & 0xff)) != Attribute.FINGERPRINT
                || data[length - 6] != 0 || data[length - 5] != 4) {
            return false;
        }
        int declared = ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        if (declared + 20 != length) {
            return false;
        }
        byte[] expected = FingerprintAttribute.calculateXorCRC32(data, 0, length - 8);
        for (int i = 0; i < 4; i++) {
            if (expected[i] != data[length - 4 + i]) {
                return false;
            }
        }
        return true;
    }

    private static String localPart(String username) {
        int colon = username.indexOf(':');
        return colon < 0 ? username : username.substring(0, colon);
    }
}
