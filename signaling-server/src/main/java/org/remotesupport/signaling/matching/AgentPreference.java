package org.remotesupport.signaling.matching;

import java.util.Comparator;
import org.remotesupport.signaling.presence.AgentPresence;
import org.remotesupport.signaling.queue.QueueEntry;

/**
 * Which of the agents who may take a customer is offered it first: skill in the customer's
 * category, having served the customer before and a light load earn points as
 * {@link MatchingProperties} weighs them; ties go to the agent idle longest. Language is not a
 * preference but a constraint, checked before. Stateless and thread-safe.
 */
public final class AgentPreference {

    private final MatchingProperties properties;

    public AgentPreference(MatchingProperties properties) {
        this.properties = properties;
    }

    /** How well an agent suits a customer; higher is better. */
    public double score(AgentPresence agent, QueueEntry entry) {
        double score = 0;
        if (agent.categories().contains(entry.ticket().category())) {
            score += properties.skillWeight();
        }
        if (agent.agentId().equals(entry.previousAgent())) {
            score += properties.previousAgentWeight();
        }
        score -= properties.loadWeight() * agent.sessions().size() / agent.capacity();
        return score;
    }

    /** Orders agents best first for this customer. */
    public Comparator<AgentPresence> bestFirst(QueueEntry entry) {
        Comparator<AgentPresence> byScore = Comparator.comparingDouble(a -> -score(a, entry));
        return byScore.thenComparing(AgentPresence::idleSince).thenComparing(AgentPresence::agentId);
    }
}
