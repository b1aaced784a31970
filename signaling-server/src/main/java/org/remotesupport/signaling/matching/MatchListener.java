package org.remotesupport.signaling.matching;

import java.time.Instant;
import org.remotesupport.signaling.session.Member;

/**
 * Told by the {@link MatchingEngine} when it hands a queued customer to an agent, just before the
 * session starts: the session id, the customer and when it joined the queue, the agent and when the
 * offer rang (null when the agent picked the customer from the queue). Called on the thread that
 * accepted the offer; returns quickly and never throws.
 */
@FunctionalInterface
public interface MatchListener {

    /** A listener that does nothing. */
    MatchListener NONE = (sessionId, customer, queuedAt, agent, offeredAt) -> { };

    /** A customer who waited since {@code queuedAt} is handed to an agent whose offer rang at {@code offeredAt}. */
    void matched(String sessionId, Member customer, Instant queuedAt, Member agent, Instant offeredAt);
}
