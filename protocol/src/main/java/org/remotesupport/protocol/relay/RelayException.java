package org.remotesupport.protocol.relay;

/** A refused relay control call, with a reason the signaling server maps to a protocol error code. */
public class RelayException extends RuntimeException {

    /** Why a control call was refused. */
    public enum Reason {
        ENDPOINT_EXISTS,
        UNKNOWN_ENDPOINT,
        STALE_REVISION,
        INVALID_SDP,
        CAPACITY,
        RECORDING_UNAVAILABLE
    }

    private final Reason reason;

    public RelayException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
