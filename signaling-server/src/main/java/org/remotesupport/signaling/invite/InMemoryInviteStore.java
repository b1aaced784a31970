package org.remotesupport.signaling.invite;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link InviteStore} in this process's memory, for a single signaling node. Thread-safe; marks of
 * expired links are pruned as new ones are added, so memory stays bounded by the live links.
 */
public final class InMemoryInviteStore implements InviteStore {

    private final Map<String, Instant> used = new ConcurrentHashMap<>();

    @Override
    public boolean use(String inviteId, Instant expiresAt, Instant now) {
        used.values().removeIf(expiry -> !expiry.isAfter(now));
        return used.putIfAbsent(inviteId, expiresAt) == null;
    }

    @Override
    public boolean isUsed(String inviteId) {
        return used.containsKey(inviteId);
    }
}
