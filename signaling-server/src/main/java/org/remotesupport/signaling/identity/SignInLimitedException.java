package org.remotesupport.signaling.identity;

import java.time.Duration;

/**
 * Sign-in is refused without checking the password: too many failed attempts for this username or
 * from this address in the current window. {@link #retryAfter()} says when the window closes.
 */
public final class SignInLimitedException extends RuntimeException {

    private final Duration retryAfter;

    public SignInLimitedException(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    /** How long until an attempt is counted again, at least one second. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
