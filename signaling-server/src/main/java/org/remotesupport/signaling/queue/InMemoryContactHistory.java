package org.remotesupport.signaling.queue;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link ContactHistory} in this process's memory, for a single signaling node; thread-safe.
 * Holds one small record per customer ever served, so it grows with the customer base: a node
 * that runs for months with many customers should use the shared store, which expires old records.
 */
public final class InMemoryContactHistory implements ContactHistory {

    private final ConcurrentMap<String, Contact> contacts = new ConcurrentHashMap<>();

    @Override
    public void record(String customerRef, String agentId, Instant at) {
        contacts.merge(customerRef, new Contact(customerRef, agentId, at, 1),
                (old, fresh) -> new Contact(customerRef, agentId, at, old.count() + 1));
    }

    @Override
    public Optional<Contact> find(String customerRef) {
        return Optional.ofNullable(contacts.get(customerRef));
    }
}
