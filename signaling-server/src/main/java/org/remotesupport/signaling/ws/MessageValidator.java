package org.remotesupport.signaling.ws;

import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.signaling.session.SignalingException;

/**
 * The schema of each client message beyond what JSON decoding checks: required fields, lengths and
 * ranges. Throws {@code invalid_field} naming the field; stateless.
 */
final class MessageValidator {

    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_TOKEN_LENGTH = 4096;
    static final int MAX_USERNAME_LENGTH = 64;
    static final int MAX_SESSION_ID_LENGTH = 64;
    static final int MAX_SDP_LENGTH = 32 * 1024;
    static final int MAX_RESUME_TOKEN_LENGTH = 128;

    private MessageValidator() {
    }

    /** The token of a {@code hello}; its version has been checked already. */
    static String token(ClientMessage.Hello hello) {
        String token = hello.token();
        if (token == null || token.isEmpty()) {
            throw new SignalingException(ErrorCode.INVALID_TOKEN,
                    "hello needs a token: sign in, or open the link you were sent");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw invalid("token must have at most " + MAX_TOKEN_LENGTH + " characters");
        }
        return token;
    }

    /** The display name a {@code hello} gives, trimmed, or null when it gives none. */
    static String name(ClientMessage.Hello hello) {
        if (hello.name() == null) {
            return null;
        }
        String name = hello.name().strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw invalid("name must have 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw invalid("name must not contain control characters");
        }
        return name;
    }

    static String resumeToken(String token) {
        if (token.isEmpty() || token.length() > MAX_RESUME_TOKEN_LENGTH) {
            throw invalid("resumeToken must have 1 to " + MAX_RESUME_TOKEN_LENGTH + " characters");
        }
        return token;
    }

    /** An optional account username: null stays null. */
    static String username(String field, String username) {
        if (username != null && (username.isEmpty() || username.length() > MAX_USERNAME_LENGTH)) {
            throw invalid(field + " must have 1 to " + MAX_USERNAME_LENGTH + " characters");
        }
        return username;
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
