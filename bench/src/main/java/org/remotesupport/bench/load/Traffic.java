package org.remotesupport.bench.load;

/**
 * The media one support session sends, per the scenario: the customer's 720p-like video as bursts
 * of packets at a frame rate, the customer's and the agent's audio as one packet per 20 ms.
 * Immutable.
 *
 * @param videoBitsPerSecond video bitrate of the customer
 * @param videoPayloadBytes  RTP payload of each video packet
 * @param framesPerSecond    video frames per second; a frame's packets leave back to back
 * @param audioPayloadBytes  RTP payload of each audio packet (Opus at 20 ms)
 */
public record Traffic(int videoBitsPerSecond, int videoPayloadBytes, int framesPerSecond, int audioPayloadBytes) {

    public static final int AUDIO_PACKETS_PER_SECOND = 50;

    /** About 1.5 Mbit/s of video in 1,100-byte packets at 30 frames per second; 80-byte Opus frames. */
    public static Traffic supportSession() {
        return new Traffic(1_500_000, 1_100, 30, 80);
    }

    /** Packets of one video frame: the frame's share of the bitrate, in whole packets. */
    public int packetsPerFrame() {
        return Math.max(1, Math.round(videoBitsPerSecond / 8f / framesPerSecond / videoPayloadBytes));
    }

    /** RTP packets per second that one session's participants send: customer video and audio, agent audio. */
    public int packetsPerSessionSecond() {
        return packetsPerFrame() * framesPerSecond + 2 * AUDIO_PACKETS_PER_SECOND;
    }
}
