package org.remotesupport.signaling.store.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Optional;
import org.remotesupport.signaling.ticket.Ticket;
import org.remotesupport.signaling.ticket.TicketStore;

/**
 * A {@link TicketStore} in Redis: each ticket is {@code rs:ticket:{id}} as JSON, created with
 * {@code SET NX} (one atomic command) and kept for the retention period. Called from any thread.
 */
public final class RedisTicketStore implements TicketStore {

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final Duration retention;
    private final RedisJson json = new RedisJson();

    public RedisTicketStore(RedisConnections connections, RedisKeys keys, Duration retention) {
        this.redis = connections.commands();
        this.keys = keys;
        this.retention = retention;
    }

    @Override
    public boolean create(Ticket ticket) {
        return "OK".equals(redis.set(keys.ticket(ticket.id()), json.write(ticket),
                SetArgs.Builder.nx().px(retention.toMillis())));
    }

    @Override
    public Optional<Ticket> find(String id) {
        return Optional.ofNullable(redis.get(keys.ticket(id))).map(v -> json.read(v, Ticket.class));
    }
}
