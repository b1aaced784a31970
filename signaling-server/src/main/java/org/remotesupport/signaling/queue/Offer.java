package org.remotesupport.signaling.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * A waiting customer rung at one agent: the offer id both the queue entry and the agent's presence
 * carry while it rings, so that accepting, declining and timing out each act on exactly this offer.
 */
public record Offer(String offerId, String agentId, Instant offeredAt, Instant expiresAt) {

    public Offer {
        Objects.requireNonNull(offerId, "offerId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(offeredAt, "offeredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the offer stopped ringing at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
