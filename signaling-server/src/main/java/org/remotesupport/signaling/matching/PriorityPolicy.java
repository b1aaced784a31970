package org.remotesupport.signaling.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import org.remotesupport.signaling.queue.QueueEntry;
import org.remotesupport.signaling.ticket.Ticket;

/**
 * How urgent a waiting customer is: time waited against its category's SLA, tier, severity and
 * repeat contact, weighted as {@link MatchingProperties} says. Higher is served first; equal
 * priorities go to the customer who joined first. Stateless and thread-safe.
 */
public final class PriorityPolicy {

    private final MatchingProperties properties;

    public PriorityPolicy(MatchingProperties properties) {
        this.properties = properties;
    }

    /** The priority of an entry at {@code now}. */
    public double priority(QueueEntry entry, Instant now) {
        Ticket ticket = entry.ticket();
        Duration waited = Duration.between(entry.joinedAt(), now);
        double slaShare = Math.max(0, waited.toMillis()) / (double) properties.slaOf(ticket.category()).toMillis();
        return properties.waitingWeight() * slaShare
                + properties.tierWeights().getOrDefault(ticket.tier().wire(), 0.0)
                + properties.severityWeights().getOrDefault(ticket.severity().wire(), 0.0)
                + (entry.repeatContact() ? properties.repeatContactWeight() : 0.0);
    }

    /** Orders entries highest priority first at {@code now}, then by who joined first, then by ticket id. */
    public Comparator<QueueEntry> highestFirst(Instant now) {
        Comparator<QueueEntry> byPriority = Comparator.comparingDouble(e -> -priority(e, now));
        return byPriority.thenComparing(QueueEntry::joinedAt).thenComparing(QueueEntry::ticketId);
    }
}
