package org.remotesupport.signaling.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the waiting customers are kept, shared by all signaling nodes: snapshots in, snapshots out,
 * keyed by ticket id. There is no node-local queue: any node's matching engine works on this store.
 * Every method is one atomic step on the store (on Redis: one command or one script), may be called
 * from any thread and never blocks for long. The conditional methods are what several nodes race
 * on: of two callers, exactly one sees its condition hold. Every change increments {@link #version()}.
 */
public interface QueueStore {

    /**
     * Adds an entry unless its ticket is queued already.
     *
     * @return the entry now stored: {@code entry} itself, or the one that was there (unchanged)
     */
    QueueEntry add(QueueEntry entry);

    /** The entry of a ticket, if it is queued. */
    Optional<QueueEntry> find(String ticketId);

    /** Every entry, in no particular order. */
    List<QueueEntry> entries();

    /**
     * The entries of customers who speak this language, in no particular order: what an agent who
     * speaks it can be offered. The default filters {@link #entries()}; a store that indexes by
     * language answers without reading the others.
     */
    default List<QueueEntry> entries(String language) {
        return entries().stream().filter(e -> e.ticket().language().equals(language)).toList();
    }

    /** How many entries are queued. */
    int size();

    /**
     * A number that changes whenever an entry is added, changed or removed, so that a node can skip
     * recomputing positions when nothing happened.
     */
    long version();

    /**
     * Moves the entry to another connection of the same customer, or marks its connection gone or back.
     *
     * @return the updated entry, or empty if the ticket is not queued
     */
    Optional<QueueEntry> rebind(String ticketId, String participantId, boolean connected);

    /**
     * Rings an agent for the customer: if the entry is {@link QueueEntry#offerable()}, sets the offer.
     *
     * @return the updated entry, or empty (changing nothing) if it is gone, ringing or disconnected
     */
    Optional<QueueEntry> reserve(String ticketId, Offer offer);

    /**
     * Ends a ringing offer without a session: if the entry rings with {@code offerId}, it waits again;
     * with {@code declined}, the offer's agent is added to {@link QueueEntry#declinedBy()}.
     *
     * @return the updated entry, or empty (changing nothing) if another offer or none rings
     */
    Optional<QueueEntry> release(String ticketId, String offerId, boolean declined);

    /**
     * Takes the customer out of the queue for the agent whose offer was accepted: if the entry rings
     * with {@code offerId}, removes it. Of two agents accepting at once, exactly one gets the entry.
     *
     * @return the removed entry, or empty (changing nothing) if another offer or none rings
     */
    Optional<QueueEntry> claim(String ticketId, String offerId);

    /** Removes an entry whatever its state (the customer left); returns its last snapshot. */
    Optional<QueueEntry> remove(String ticketId);

    /** The entries whose offer stopped ringing at {@code now}, for the sweep that moves on to the next agent. */
    List<QueueEntry> ringingExpired(Instant now);

    /** Records how long a finished session took, for the wait estimate; the store keeps the most recent ones. */
    void recordHandlingTime(Duration handlingTime);

    /** The most recent handling times, newest first, at most {@code limit} of them. */
    List<Duration> recentHandlingTimes(int limit);
}
