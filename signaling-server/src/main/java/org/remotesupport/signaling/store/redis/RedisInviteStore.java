package org.remotesupport.signaling.store.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import org.remotesupport.signaling.invite.InviteStore;

/**
 * An {@link InviteStore} in Redis: using an invite is {@code SET rs:invite:{id}:used 1 NX PX …}, one
 * atomic command, so of two customers racing with the same link on any nodes exactly one gets in. The
 * mark expires with the link; its TTL is counted from the caller's {@code now}, not from Redis's clock,
 * so that it agrees with the clock the link's expiry is checked against. Called from any thread.
 */
public final class RedisInviteStore implements InviteStore {

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;

    public RedisInviteStore(RedisConnections connections, RedisKeys keys) {
        this.redis = connections.commands();
        this.keys = keys;
    }

    @Override
    public boolean use(String inviteId, Instant expiresAt, Instant now) {
        // an already expired link is refused before the store is asked; its mark then only lives briefly
        long ttl = Math.max(1000, Duration.between(now, expiresAt).toMillis());
        return "OK".equals(redis.set(keys.usedInvite(inviteId), "1", SetArgs.Builder.nx().px(ttl)));
    }

    @Override
    public boolean isUsed(String inviteId) {
        Long count = redis.exists(keys.usedInvite(inviteId));
        return count != null && count > 0;
    }
}
