package org.remotesupport.signaling.queue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.remotesupport.signaling.ticket.Ticket;

/**
 * An immutable snapshot of one customer's place in the queue, keyed by the ticket (not by the
 * connection, so a customer who reloads the page keeps the place).
 *
 * @param ticket        what the customer needs; {@code ticket.id()} is the key
 * @param participantId the participant id of the customer's connection, where status is pushed
 * @param name          the customer's display name
 * @param joinedAt      when the customer joined the queue; waiting time counts from here
 * @param connected     false while the customer's connection is gone but may still resume: the
 *                      place is kept, but no offer is made
 * @param offer         the offer ringing for this customer, or null while it waits
 * @param declinedBy    agents who declined this customer; they are not offered it again
 * @param repeatContact whether the customer contacted support before (raises the priority)
 * @param previousAgent the agent who served the customer last time, or null (preferred)
 * @param subject       who the customer's token says it is; it keeps that identity in the session
 */
public record QueueEntry(Ticket ticket, String participantId, String name, Instant joinedAt, boolean connected,
                         Offer offer, Set<String> declinedBy, boolean repeatContact, String previousAgent,
                         String subject) {

    public QueueEntry {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(joinedAt, "joinedAt");
        declinedBy = Set.copyOf(declinedBy);
        subject = subject == null ? participantId : subject;
    }

    /** An entry whose customer is known by its participant id alone (tests, entries stored before subjects). */
    public QueueEntry(Ticket ticket, String participantId, String name, Instant joinedAt, boolean connected,
                      Offer offer, Set<String> declinedBy, boolean repeatContact, String previousAgent) {
        this(ticket, participantId, name, joinedAt, connected, offer, declinedBy, repeatContact, previousAgent, null);
    }

    /** The key of the entry. */
    public String ticketId() {
        return ticket.id();
    }

    /** Waiting for an offer (not ringing). */
    public boolean waiting() {
        return offer == null;
    }

    /** Whether an offer with this id rings for the entry. */
    public boolean ringing(String offerId) {
        return offer != null && offer.offerId().equals(offerId);
    }

    /** Whether the matching engine may ring an agent for this customer now. */
    public boolean offerable() {
        return offer == null && connected;
    }

    public QueueEntry withOffer(Offer newOffer) {
        return new QueueEntry(ticket, participantId, name, joinedAt, connected, newOffer, declinedBy, repeatContact,
                previousAgent, subject);
    }

    /** This entry waiting again, the agent of the ended offer recorded as declining if {@code declined}. */
    public QueueEntry withoutOffer(boolean declined) {
        Set<String> declining = declinedBy;
        if (declined && offer != null) {
            declining = new HashSet<>(declinedBy);
            declining.add(offer.agentId());
        }
        return new QueueEntry(ticket, participantId, name, joinedAt, connected, null, declining, repeatContact,
                previousAgent, subject);
    }

    public QueueEntry withConnection(String newParticipantId, boolean newConnected) {
        return new QueueEntry(ticket, newParticipantId, name, joinedAt, newConnected, offer, declinedBy, repeatContact,
                previousAgent, subject);
    }
}
