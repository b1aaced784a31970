package org.remotesupport.media.srtp;

import java.security.GeneralSecurityException;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.utils.logging2.LoggerImpl;
import io.netty.util.collection.IntObjectHashMap;

/**
 * SRTP and SRTCP protection for one endpoint of the relay, in both directions: packets from the
 * client are checked and decrypted with the client's keys, packets to it encrypted with ours. All
 * work happens in place in a {@link PacketBuffer}. Confined to the relay's event loop, except
 * that it is built on the DTLS thread before the event loop first sees it.
 */
public final class SrtpTransformer implements AutoCloseable {

    private static final org.jitsi.utils.logging2.Logger SRTP_LOG = new LoggerImpl(SrtpTransformer.class.getName());

    private final SrtpProfile profile;
    private final SrtpContextFactory inbound;
    private final SrtpContextFactory outbound;
    // Per-SSRC contexts carry rollover counters and replay windows, so they live as long as the endpoint.
    private final IntObjectHashMap<SrtpCryptoContext> rtpIn = new IntObjectHashMap<>();
    private final IntObjectHashMap<SrtpCryptoContext> rtpOut = new IntObjectHashMap<>();
    private final IntObjectHashMap<ReplayWindow> replayWindows = new IntObjectHashMap<>();
    private final IntObjectHashMap<SrtcpCryptoContext> rtcpIn = new IntObjectHashMap<>();
    private final IntObjectHashMap<SrtcpCryptoContext> rtcpOut = new IntObjectHashMap<>();

    /** Keys of a relay that is the DTLS server: the client's keys decrypt, the server's encrypt. */
    public static SrtpTransformer forDtlsServer(SrtpKeys keys) {
        return new SrtpTransformer(keys.profile(), keys.clientKey(), keys.clientSalt(), keys.serverKey(), keys.serverSalt());
    }

    /** Keys of a DTLS client (load generators, tests): the server's keys decrypt, the client's encrypt. */
    public static SrtpTransformer forDtlsClient(SrtpKeys keys) {
        return new SrtpTransformer(keys.profile(), keys.serverKey(), keys.serverSalt(), keys.clientKey(), keys.clientSalt());
    }

    private SrtpTransformer(SrtpProfile profile, byte[] inKey, byte[] inSalt, byte[] outKey, byte[] outSalt) {
        this.profile = profile;
        // inbound RTP replays are refused by ReplayWindow, whose window is larger than jitsi-srtp's
        org.jitsi.srtp.SrtpPolicy inboundRtp = profile.policy();
        inboundRtp.setReceiveReplayEnabled(false);
        this.inbound = new SrtpContextFactory(false, inKey, inSalt, inboundRtp, profile.policy(), SRTP_LOG);
        this.outbound = new SrtpContextFactory(true, outKey, outSalt, profile.policy(), profile.policy(), SRTP_LOG);
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Checks and decrypts an SRTP packet in place; refuses replays within a window of 1,024 packets. */
    public SrtpErrorStatus unprotectRtp(PacketBuffer packet) throws GeneralSecurityException {
        int ssrc = readInt(packet, 8);
        ReplayWindow window = replayWindows.get(ssrc);
        if (window == null) {
            window = new ReplayWindow();
            replayWindows.put(ssrc, window);
        }
        byte[] b = packet.getBuffer();
        int sequence = ((b[packet.getOffset() + 2] & 0xff) << 8) | (b[packet.getOffset() + 3] & 0xff);
        if (window.refuses(sequence)) {
            return SrtpErrorStatus.REPLAY_FAIL;
        }
        SrtpErrorStatus status = rtpContext(rtpIn, inbound, ssrc).reverseTransformPacket(packet, false);
        if (status == SrtpErrorStatus.OK) {
            window.accept(sequence);
        }
        return status;
    }

    /** Encrypts and authenticates an RTP packet in place; the buffer needs {@link PacketBuffer#TRAILER_ROOM}. */
    public SrtpErrorStatus protectRtp(PacketBuffer packet) throws GeneralSecurityException {
        return rtpContext(rtpOut, outbound, readInt(packet, 8)).transformPacket(packet);
    }

    /** Checks and decrypts an SRTCP packet in place. */
    public SrtpErrorStatus unprotectRtcp(PacketBuffer packet) throws GeneralSecurityException {
        return rtcpContext(rtcpIn, inbound, readInt(packet, 4)).reverseTransformPacket(packet);
    }

    /** Encrypts and authenticates an RTCP packet in place; the buffer needs {@link PacketBuffer#TRAILER_ROOM}. */
    public SrtpErrorStatus protectRtcp(PacketBuffer packet) throws GeneralSecurityException {
        return rtcpContext(rtcpOut, outbound, readInt(packet, 4)).transformPacket(packet);
    }

    private static SrtpCryptoContext rtpContext(IntObjectHashMap<SrtpCryptoContext> contexts, SrtpContextFactory factory,
                                                int ssrc) throws GeneralSecurityException {
        SrtpCryptoContext context = contexts.get(ssrc);
        if (context == null) {
            context = factory.deriveContext(ssrc, 0);
            contexts.put(ssrc, context);
        }
        return context;
    }

    private static SrtcpCryptoContext rtcpContext(IntObjectHashMap<SrtcpCryptoContext> contexts, SrtpContextFactory factory,
                                                  int ssrc) throws GeneralSecurityException {
        SrtcpCryptoContext context = contexts.get(ssrc);
        if (context == null) {
            context = factory.deriveControlContext(ssrc);
            contexts.put(ssrc, context);
        }
        return context;
    }

    /**
     * Derives the per-SSRC contexts for streams known in advance, so the event loop does not pay
     * for key derivation on the first packet. Call before the transformer is handed to the event loop.
     */
    public void prepare(long[] inboundSsrcs, long[] outboundSsrcs) throws GeneralSecurityException {
        for (long ssrc : inboundSsrcs) {
            rtpContext(rtpIn, inbound, (int) ssrc);
            replayWindows.put((int) ssrc, new ReplayWindow());
            rtcpContext(rtcpIn, inbound, (int) ssrc);
        }
        for (long ssrc : outboundSsrcs) {
            rtpContext(rtpOut, outbound, (int) ssrc);
            rtcpContext(rtcpOut, outbound, (int) ssrc);
        }
    }

    /**
     * Runs one protect/unprotect round trip with throw-away keys for every profile. jitsi-srtp picks
     * its AES implementation by benchmarking the available providers the first time a cipher is made,
     * which takes seconds; doing it at start keeps that pause off the packet path.
     */
    public static void warmUp() {
        try {
            for (SrtpProfile profile : SrtpProfile.values()) {
                byte[] material = new byte[SrtpKeys.materialLength(profile)];
                new java.security.SecureRandom().nextBytes(material);
                SrtpKeys keys = SrtpKeys.fromExportedMaterial(profile, material);
                try (SrtpTransformer server = forDtlsServer(keys); SrtpTransformer client = forDtlsClient(keys)) {
                    byte[] packet = new byte[200];
                    packet[0] = (byte) 0x80;
                    packet[11] = 1;
                    PacketBuffer buffer = new PacketBuffer(packet, 0, 100);
                    client.protectRtp(buffer);
                    server.unprotectRtp(buffer);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SRTP is not usable on this JVM", e);
        }
    }

    @Override
    public void close() {
        inbound.close();
        outbound.close();
    }

    private static int readInt(PacketBuffer p, int at) {
        byte[] b = p.getBuffer();
        int o = p.getOffset() + at;
        return ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }
}
