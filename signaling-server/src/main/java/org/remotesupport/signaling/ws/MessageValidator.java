package org.remotesupport.signaling.ws;

import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SignalingException;

/**
 * The schema of each client message beyond what JSON decoding checks: required fields, lengths and
 * ranges. Throws {@code invalid_field} naming the field; stateless.
 */
final class MessageValidator {

    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_CODE_LENGTH = 32;
    static final int MAX_SESSION_ID_LENGTH = 64;
    static final int MAX_SDP_LENGTH = 32 * 1024;
    static final int MAX_RESUME_TOKEN_LENGTH = 128;

    private MessageValidator() {
    }

    /** The member a {@code hello} declares; its version has been checked already. */
    static Member member(String participantId, ClientMessage.Hello hello) {
        // experts and observers are agents in a session's eyes, never a connection's declared role
        Role role = Role.fromWire(required("role", hello.role()))
                .filter(r -> r == Role.AGENT || r == Role.CUSTOMER)
                .orElseThrow(() -> invalid("role must be agent or customer"));
        String name = required("name", hello.name()).strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw invalid("name must have 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw invalid("name must not contain control characters");
        }
        return new Member(participantId, role, name);
    }

    static String resumeToken(String token) {
        if (token.isEmpty() || token.length() > MAX_RESUME_TOKEN_LENGTH) {
            throw invalid("resumeToken must have 1 to " + MAX_RESUME_TOKEN_LENGTH + " characters");
        }
        return token;
    }

    static String code(ClientMessage.SessionJoin join) {
        String code = required("code", join.code());
        if (code.length() > MAX_CODE_LENGTH) {
            throw invalid("code must have at most " + MAX_CODE_LENGTH + " characters");
        }
        return code;
    }

    /** An optional session id: null stays null. */
    static String sessionId(String sessionId) {
        if (sessionId != null && (sessionId.isEmpty() || sessionId.length() > MAX_SESSION_ID_LENGTH)) {
            throw invalid("sessionId must have 1 to " + MAX_SESSION_ID_LENGTH + " characters");
        }
        return sessionId;
    }

    static int revision(ClientMessage.MediaAnswer answer) {
        if (answer.revision() == null || answer.revision() < 0) {
            throw invalid("revision is required and must be zero or more");
        }
        return answer.revision();
    }

    static String sdp(ClientMessage.MediaAnswer answer) {
        String sdp = required("sdp", answer.sdp());
        if (sdp.isBlank() || sdp.length() > MAX_SDP_LENGTH) {
            throw invalid("sdp must have 1 to " + MAX_SDP_LENGTH + " characters");
        }
        return sdp;
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw invalid(field + " is required");
        }
        return value;
    }

    private static SignalingException invalid(String message) {
        return new SignalingException(ErrorCode.INVALID_FIELD, message);
    }
}
