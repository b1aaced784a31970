package org.remotesupport.annotation.sync;

import org.remotesupport.protocol.annotation.AnnotationErrorCode;

/** Thrown on the caller's thread when an op or message is refused; carries the code the client gets. */
public final class OpRejected extends Exception {

    private final AnnotationErrorCode code;

    public OpRejected(AnnotationErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The code on the wire. */
    public AnnotationErrorCode code() {
        return code;
    }
}
