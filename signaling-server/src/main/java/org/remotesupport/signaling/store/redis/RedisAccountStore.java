package org.remotesupport.signaling.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.remotesupport.signaling.identity.Account;
import org.remotesupport.signaling.identity.AccountStore;

/**
 * An {@link AccountStore} in Redis: one hash {@code rs:accounts} from username to the account as JSON.
 * {@link #create} is {@code HSETNX} and {@link #update} a script that writes only an existing field, so
 * each is one atomic command. Called from any thread.
 */
public final class RedisAccountStore implements AccountStore {

    private static final RedisScript REPLACE = new RedisScript("""
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
              return 1
            end
            return 0
            """);

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final RedisJson json = new RedisJson();

    public RedisAccountStore(RedisConnections connections, RedisKeys keys) {
        this.redis = connections.commands();
        this.keys = keys;
    }

    @Override
    public boolean create(Account account) {
        return Boolean.TRUE.equals(redis.hsetnx(keys.accounts(), account.username(), json.write(account)));
    }

    @Override
    public boolean update(Account account) {
        Long replaced = REPLACE.run(redis, ScriptOutputType.INTEGER, new String[] {keys.accounts()},
                account.username(), json.write(account));
        return replaced != null && replaced == 1L;
    }

    @Override
    public Optional<Account> find(String username) {
        return Optional.ofNullable(redis.hget(keys.accounts(), username)).map(v -> json.read(v, Account.class));
    }

    @Override
    public List<Account> all() {
        return redis.hvals(keys.accounts()).stream()
                .map(v -> json.read(v, Account.class))
                .sorted(Comparator.comparing(Account::username))
                .toList();
    }
}
