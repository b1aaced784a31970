package org.remotesupport.signaling.invite;

import java.time.Instant;

/**
 * Remembers which invite links were used, shared by every signaling node, so that each link lets one
 * customer in once. The link itself is a signed token that carries its ticket and expiry; the store
 * only keeps the used-up marks, each until its link expires (a shared store may let the key expire
 * then: an expired link is refused by its signature check before the store is asked). Every method
 * is atomic and may be called from any thread.
 */
public interface InviteStore {

    /**
     * Uses up an invite: marks it used if it was not.
     *
     * @param inviteId  the invite's id ({@code jti} of the link token)
     * @param expiresAt when the link expires; the mark need not be kept longer
     * @param now       the current time, for pruning marks of expired links
     * @return true if this call used it up; false if it was used before. Two calls racing for the same
     *         id on any nodes: exactly one gets true (a shared store must check and write in one
     *         operation, e.g. {@code SET key 1 NX PXAT expiresAt})
     */
    boolean use(String inviteId, Instant expiresAt, Instant now);

    /** Whether the invite was used; does not use it. */
    boolean isUsed(String inviteId);
}
