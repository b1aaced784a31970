package org.remotesupport.signaling.identity;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link AccountStore} in this process's memory, for a single signaling node. Thread-safe. */
public final class InMemoryAccountStore implements AccountStore {

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    @Override
    public boolean create(Account account) {
        return accounts.putIfAbsent(account.username(), account) == null;
    }

    @Override
    public boolean update(Account account) {
        return accounts.replace(account.username(), account) != null;
    }

    @Override
    public Optional<Account> find(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    @Override
    public List<Account> all() {
        return accounts.values().stream().sorted(Comparator.comparing(Account::username)).toList();
    }
}
