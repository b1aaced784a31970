package org.remotesupport.app.testsupport;

/**
 * What a {@link WebRtcPeer} sends on the uplink m-lines the relay offers it: a value given to the
 * peer's constructor; immutable, usable from any thread.
 *
 * @param audio whether to send an audio track (Opus, fed by the headless audio module)
 * @param video the generated video to send as VP8, or null to send no video
 */
public record UplinkMedia(boolean audio, VideoFormat video) {

    /** Audio and generated video, as a customer showing a fault does. */
    public static UplinkMedia audioAndVideo(VideoFormat video) {
        if (video == null) {
            throw new IllegalArgumentException("video format is required");
        }
        return new UplinkMedia(true, video);
    }

    /** Audio only, as an agent who talks but shows nothing does. */
    public static UplinkMedia audioOnly() {
        return new UplinkMedia(true, null);
    }

    /** Nothing: a silent observer. */
    public static UplinkMedia none() {
        return new UplinkMedia(false, null);
    }
}
