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

    /**
     * A session ended; {@code outcome} and {@code note} are the agent's when it ended the session with
     * {@code session.end}, null otherwise. By default the same as the three-argument form.
     */
    default void sessionEnded(SupportSession session, String reason, String outcome, String note, Instant at) {
        sessionEnded(session, reason, at);
    }

    /**
     * A member was just told it is in the session ({@code session.started}, {@code session.joined}, or
     * a resume): what the session holds beyond its members can follow.
     */
    default void memberEntered(SupportSession session, Member member) {
    }
}
