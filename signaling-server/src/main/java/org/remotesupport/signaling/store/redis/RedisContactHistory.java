package org.remotesupport.signaling.store.redis;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.remotesupport.signaling.queue.Contact;
import org.remotesupport.signaling.queue.ContactHistory;

/**
 * A {@link ContactHistory} in Redis, shared by every signaling node: each customer reference is the
 * key {@code rs:contact:{customerRef}} holding the contact as JSON, kept for the retention period after
 * the customer's last contact. Recording is one optimistic step, so two sessions of one customer
 * ending at once on two nodes count two contacts. Called from any thread.
 */
public final class RedisContactHistory implements ContactHistory {

    private static final int ATTEMPTS = 64;

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final Duration retention;
    private final RedisJson json = new RedisJson();

    public RedisContactHistory(RedisConnections connections, RedisKeys keys, Duration retention) {
        this.redis = connections.commands();
        this.keys = keys;
        this.retention = retention;
    }

    @Override
    public void record(String customerRef, String agentId, Instant at) {
        String key = keys.contact(customerRef);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String stored = redis.get(key);
            int count = stored == null ? 1 : json.read(stored, Contact.class).count() + 1;
            ConditionalWrite write = new ConditionalWrite()
                    .expect(key, stored)
                    .set(key, json.write(new Contact(customerRef, agentId, at, count)), retention);
            if (write.apply(redis)) {
                return;
            }
        }
        throw new IllegalStateException("contact history of " + customerRef + " kept conflicting with other writers");
    }

    @Override
    public Optional<Contact> find(String customerRef) {
        return Optional.ofNullable(redis.get(keys.contact(customerRef))).map(v -> json.read(v, Contact.class));
    }
}
