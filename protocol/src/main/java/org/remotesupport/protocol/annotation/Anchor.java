package org.remotesupport.protocol.annotation;

/**
 * The video frame a markup was drawn on: the source track (its WebRTC track id or MID) and that
 * frame's capture or RTP timestamp, so a receiver can place the markup on a moving image.
 *
 * @param track   id of the video track the markup was drawn over
 * @param frameTs the frame's capture time in milliseconds or its RTP timestamp, as the drawing client saw it
 */
public record Anchor(String track, long frameTs) {
}
