package org.remotesupport.signaling.session;

import org.remotesupport.protocol.signaling.ErrorCode;

/**
 * A refused client message, thrown by the services and turned into an {@code error} reply by the
 * WebSocket layer; the connection and all stored state are left as they were before the message.
 */
public class SignalingException extends RuntimeException {

    private final ErrorCode code;

    public SignalingException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The wire code of the refusal. */
    public ErrorCode code() {
        return code;
    }
}
