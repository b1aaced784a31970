package org.remotesupport.signaling.session;

import java.time.Instant;

/** A single-use code that lets one customer into a session until {@code expiresAt}. */
public record JoinCode(String code, String sessionId, Instant expiresAt) {

    /** Whether the code may still be used at {@code now}. */
    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
