package org.remotesupport.app.testsupport;

import org.remotesupport.protocol.signaling.ServerMessage;

/**
 * Thrown by {@link SignalingClient#request} on the calling thread when the server answered a
 * request with {@code error}; carries that error so a test can check its code.
 */
public final class SignalingRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ServerMessage.Error error;

    SignalingRefusal(ServerMessage.Error error) {
        super("server refused (" + error.code() + "): " + error.message());
        this.error = error;
    }

    /** The server's error message. */
    public ServerMessage.Error error() {
        return error;
    }
}
