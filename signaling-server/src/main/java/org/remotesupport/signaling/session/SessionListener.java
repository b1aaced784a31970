package org.remotesupport.signaling.session;

import java.time.Instant;

/**
 * Told about the session lifecycle by {@link SessionService}, on the thread that made the change and
 * after the members were told: the matching engine frees agents' capacity and learns handling times
 * from it, webhooks tell integrations. Implementations return quickly and never throw.
 */
public interface SessionListener {

    /** A session started: the agent and the customer are both in it. */
    default void sessionStarted(SupportSession session, Instant at) {
    }

    /** A member left a session that goes on, or was in a session that ended. */
    void memberLeft(SupportSession session, Member member, Instant at);

    /** A session ended, with one of the {@code session.ended} reasons. */
    void sessionEnded(SupportSession session, String reason, Instant at);
}
