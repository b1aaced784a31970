package org.remotesupport.signaling.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.remotesupport.signaling.ticket.Ticket;

/**
 * An immutable snapshot of one support session: who is in it (the agent first), which of them hold
 * a media endpoint on the relay, whose connection dropped and may still resume, and the relay offers
 * not answered yet. Registries store and hand out these snapshots.
 *
 * @param sessionId     the session's id
 * @param agentId       participant id of the agent who owns the session; it ends when that agent leaves
 * @param members       everyone in the session, the agent first
 * @param withMedia     participant ids that hold a media endpoint
 * @param ticket        what the session is about, when it came from the queue; null for sessions an
 *                      agent opened with a join code
 * @param startedAt     when the agent and the customer were connected (handling time counts from
 *                      here); null for a session whose customer has not joined yet
 * @param reconnecting  participant ids whose connection dropped and may still resume
 * @param pendingOffers the relay's newest unanswered offer per participant id
 * @param invitations   participant ids of agents invited into the session, with the role they
 *                      were invited as ({@link Role#EXPERT} or {@link Role#OBSERVER})
 */
public record SupportSession(String sessionId, String agentId, List<Member> members, Set<String> withMedia,
                             Ticket ticket, Instant startedAt, Set<String> reconnecting,
                             Map<String, PendingOffer> pendingOffers, Map<String, Role> invitations) {

    public SupportSession {
        members = List.copyOf(members);
        withMedia = Set.copyOf(withMedia);
        reconnecting = Set.copyOf(reconnecting);
        pendingOffers = Map.copyOf(pendingOffers);
        invitations = Map.copyOf(invitations);
    }

    /** A session without a ticket, start time, dropped members, pending offers or invitations. */
    public SupportSession(String sessionId, String agentId, List<Member> members, Set<String> withMedia) {
        this(sessionId, agentId, members, withMedia, null, null, Set.of(), Map.of(), Map.of());
    }

    /** A new session whose only member is its agent. */
    public static SupportSession open(String sessionId, Member agent) {
        return new SupportSession(sessionId, agent.participantId(), List.of(agent), Set.of());
    }

    /** A session from the queue: the agent who accepted the customer, the customer, started now. */
    public static SupportSession matched(String sessionId, Member agent, Member customer, Ticket ticket,
                                         Instant startedAt) {
        return new SupportSession(sessionId, agent.participantId(), List.of(agent, customer), Set.of(), ticket,
                startedAt, Set.of(), Map.of(), Map.of());
    }

    /** The member with this participant id, if present. */
    public Optional<Member> member(String participantId) {
        return members.stream().filter(m -> m.participantId().equals(participantId)).findFirst();
    }

    /** Whether the participant is a member. */
    public boolean has(String participantId) {
        return member(participantId).isPresent();
    }

    /** Whether the participant holds a media endpoint. */
    public boolean hasMedia(String participantId) {
        return withMedia.contains(participantId);
    }

    /** The members other than this participant. */
    public List<Member> others(String participantId) {
        return members.stream().filter(m -> !m.participantId().equals(participantId)).toList();
    }

    /** The relay endpoint id of a participant in this session. */
    public EndpointId endpointOf(String participantId) {
        return new EndpointId(sessionId, participantId);
    }

    /** The customer of the session, if one is in it. */
    public Optional<Member> customer() {
        return members.stream().filter(m -> m.role() == Role.CUSTOMER).findFirst();
    }

    /** Whether the participant's connection dropped and may still resume. */
    public boolean isReconnecting(String participantId) {
        return reconnecting.contains(participantId);
    }

    /** This session with one more member; a customer joining starts the clock if it has not started. */
    public SupportSession withMember(Member member, Instant now) {
        List<Member> more = new ArrayList<>(members);
        more.add(member);
        Instant started = startedAt == null && member.role() == Role.CUSTOMER ? now : startedAt;
        return new SupportSession(sessionId, agentId, more, withMedia, ticket, started, reconnecting, pendingOffers, invitations);
    }

    /** This session with one more member. */
    public SupportSession withMember(Member member) {
        return withMember(member, startedAt);
    }

    /** This session without the participant, its media endpoint and its pending offer. */
    public SupportSession withoutMember(String participantId) {
        Set<String> media = new HashSet<>(withMedia);
        media.remove(participantId);
        Set<String> dropped = new HashSet<>(reconnecting);
        dropped.remove(participantId);
        Map<String, PendingOffer> offers = new HashMap<>(pendingOffers);
        offers.remove(participantId);
        return new SupportSession(sessionId, agentId, others(participantId), media, ticket, startedAt, dropped, offers, invitations);
    }

    /** This session with the participant's media endpoint marked as held or not (not held: no pending offer). */
    public SupportSession withMedia(String participantId, boolean joined) {
        Set<String> media = new HashSet<>(withMedia);
        Map<String, PendingOffer> offers = new HashMap<>(pendingOffers);
        if (joined) {
            media.add(participantId);
        } else {
            media.remove(participantId);
            offers.remove(participantId);
        }
        return new SupportSession(sessionId, agentId, members, media, ticket, startedAt, reconnecting, offers, invitations);
    }

    /** This session with the participant marked as dropped (may resume) or connected. */
    public SupportSession withReconnecting(String participantId, boolean dropped) {
        Set<String> ids = new HashSet<>(reconnecting);
        if (dropped) {
            ids.add(participantId);
        } else {
            ids.remove(participantId);
        }
        return new SupportSession(sessionId, agentId, members, withMedia, ticket, startedAt, ids, pendingOffers, invitations);
    }

    /** This session with an invitation for the participant as {@code role}; null withdraws it. */
    public SupportSession withInvitation(String participantId, Role role) {
        Map<String, Role> invited = new HashMap<>(invitations);
        if (role == null) {
            invited.remove(participantId);
        } else {
            invited.put(participantId, role);
        }
        return new SupportSession(sessionId, agentId, members, withMedia, ticket, startedAt, reconnecting,
                pendingOffers, invited);
    }

    /** This session with the participant's pending offer replaced; null clears it. */
    public SupportSession withPendingOffer(String participantId, PendingOffer offer) {
        Map<String, PendingOffer> offers = new HashMap<>(pendingOffers);
        if (offer == null) {
            offers.remove(participantId);
        } else {
            offers.put(participantId, offer);
        }
        return new SupportSession(sessionId, agentId, members, withMedia, ticket, startedAt, reconnecting, offers, invitations);
    }
}
