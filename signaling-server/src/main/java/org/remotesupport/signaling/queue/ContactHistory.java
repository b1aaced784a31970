package org.remotesupport.signaling.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * Which agent served a customer before, shared by all signaling nodes, keyed by a customer reference
 * (the matching engine uses the ticket's order number, normalised: customers hold no account, and a
 * second contact about the same order is what support calls a repeat contact). The matching engine
 * prefers that agent and ranks repeat contacts higher. Each method is one atomic step on the store;
 * callable from any thread.
 */
public interface ContactHistory {

    /** Records that {@code agentId} served the customer at {@code at}: sets the last agent and time, counts one more contact. */
    void record(String customerRef, String agentId, Instant at);

    /** What is known of the customer, if it was served before. */
    Optional<Contact> find(String customerRef);
}
