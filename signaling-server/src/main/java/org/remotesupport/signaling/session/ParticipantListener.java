package org.remotesupport.signaling.session;

/**
 * Told by {@link ParticipantService} when a participant's connection drops, comes back, or is gone
 * for good; called on the thread that noticed (a WebSocket thread or the grace sweep) in that order
 * for one participant. Implementations return quickly and never throw.
 */
public interface ParticipantListener {

    /** The connection dropped; the participant may resume within the grace period. */
    void dropped(Member member);

    /** The participant came back on a new connection; {@code member} is the same as before. */
    void resumed(Member member);

    /**
     * The participant is gone for good: its connection closed normally ({@code dropped} false), or it
     * dropped and its grace period ran out ({@code dropped} true).
     */
    void departed(Member member, boolean dropped);
}
