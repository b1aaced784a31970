package org.remotesupport.signaling.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of one support session: who is in it (the agent first) and which of them
 * hold a media endpoint on the relay. Registries store and hand out these snapshots.
 */
public record SupportSession(String sessionId, String agentId, List<Member> members, Set<String> withMedia) {

    public SupportSession {
        members = List.copyOf(members);
        withMedia = Set.copyOf(withMedia);
    }

    /** A new session whose only member is its agent. */
    public static SupportSession open(String sessionId, Member agent) {
        return new SupportSession(sessionId, agent.participantId(), List.of(agent), Set.of());
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

    /** This session with one more member. */
    public SupportSession withMember(Member member) {
        List<Member> more = new ArrayList<>(members);
        more.add(member);
        return new SupportSession(sessionId, agentId, more, withMedia);
    }

    /** This session without the participant and its media endpoint. */
    public SupportSession withoutMember(String participantId) {
        Set<String> media = new HashSet<>(withMedia);
        media.remove(participantId);
        return new SupportSession(sessionId, agentId, others(participantId), media);
    }

    /** This session with the participant's media endpoint marked as held or not. */
    public SupportSession withMedia(String participantId, boolean joined) {
        Set<String> media = new HashSet<>(withMedia);
        if (joined) {
            media.add(participantId);
        } else {
            media.remove(participantId);
        }
        return new SupportSession(sessionId, agentId, members, media);
    }
}
