package org.remotesupport.signaling.invite;

/** An invite link that cannot be used: why, and a message to show the customer. */
public final class InviteException extends Exception {

    /** Why a link was refused. */
    public enum Reason {
        /** Not a link of this server (mistyped, cut off, forged). */
        INVALID,
        /** Past its expiry. */
        EXPIRED,
        /** Used before: each link lets one customer in once. */
        USED
    }

    private final Reason reason;

    public InviteException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
