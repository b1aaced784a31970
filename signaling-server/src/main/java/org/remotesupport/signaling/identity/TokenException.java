package org.remotesupport.signaling.identity;

/** A token that cannot be accepted: malformed, not signed by this server, of another kind, or expired. */
public final class TokenException extends Exception {

    /** Why a token was refused. */
    public enum Reason {
        /** Not a token of this server: malformed, forged, tampered with, or of another kind. */
        INVALID,
        /** Signed by this server, but past its expiry. */
        EXPIRED
    }

    private final Reason reason;

    public TokenException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
