package org.remotesupport.signaling.media;

import org.remotesupport.protocol.relay.RelayException;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.signaling.session.SignalingException;

/** Maps a relay's refusal to the protocol's stable error code; the relay's wording is kept for people. */
final class RelayErrors {

    private RelayErrors() {
    }

    static SignalingException toSignaling(RelayException e) {
        ErrorCode code = switch (e.reason()) {
            case ENDPOINT_EXISTS -> ErrorCode.MEDIA_ALREADY_JOINED;
            case UNKNOWN_ENDPOINT -> ErrorCode.MEDIA_NOT_JOINED;
            case STALE_REVISION -> ErrorCode.STALE_REVISION;
            case INVALID_SDP -> ErrorCode.INVALID_SDP;
            case CAPACITY -> ErrorCode.MEDIA_UNAVAILABLE;
            case RECORDING_UNAVAILABLE -> ErrorCode.RECORDING_UNAVAILABLE;
        };
        return new SignalingException(code, e.getMessage() == null ? code.wire() : e.getMessage());
    }
}
