package org.remotesupport.bench.micro;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.remotesupport.media.rtp.Rtp;
import org.remotesupport.media.srtp.PacketBuffer;
import org.remotesupport.media.srtp.SrtpKeys;
import org.remotesupport.media.srtp.SrtpProfile;
import org.remotesupport.media.srtp.SrtpTransformer;

/**
 * The relay's SRTP work per forwarded packet with its own {@link SrtpTransformer}, in place: a
 * publisher encrypts a fresh packet (needed, since SRTP refuses replays; {@link #encrypt} measures
 * it alone), the relay decrypts it with the publisher's keys and encrypts it again with a
 * subscriber's. Payload sizes: an audio frame and a video packet. One JMH thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SrtpBenchmark {

    @Param({"AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80"})
    public SrtpProfile profile;

    @Param({"80", "1100"})
    public int payload;

    private SrtpTransformer publisher;
    private SrtpTransformer relayFromPublisher;
    private SrtpTransformer relayToSubscriber;
    private final byte[] packet = new byte[1500];
    private final PacketBuffer view = new PacketBuffer();
    private int sequence;

    @Setup(Level.Trial)
    public void setUp() {
        SecureRandom random = new SecureRandom();
        SrtpKeys publisherKeys = keys(random);
        publisher = SrtpTransformer.forDtlsClient(publisherKeys);
        relayFromPublisher = SrtpTransformer.forDtlsServer(publisherKeys);
        relayToSubscriber = SrtpTransformer.forDtlsServer(keys(random));
        random.nextBytes(packet);
        try {
            // derives the SSRC's contexts (and lets jitsi-srtp pick its AES implementation) before measuring
            encryptDecryptEncrypt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        publisher.close();
        relayFromPublisher.close();
        relayToSubscriber.close();
    }

    @Benchmark
    public int encrypt() throws Exception {
        return fresh();
    }

    @Benchmark
    public int encryptDecryptEncrypt() throws Exception {
        int length = fresh();
        relayFromPublisher.unprotectRtp(view.wrap(packet, 0, length));
        view.wrap(packet, 0, view.getLength());
        relayToSubscriber.protectRtp(view);
        return view.getLength();
    }

    private int fresh() throws Exception {
        packet[0] = (byte) 0x80;
        packet[1] = 96;
        Rtp.put16(packet, 2, sequence++ & 0xffff);
        Rtp.put32(packet, 4, sequence * 3000L);
        Rtp.put32(packet, 8, 0x12345678L);
        view.wrap(packet, 0, Rtp.HEADER_LENGTH + payload);
        publisher.protectRtp(view);
        return view.getLength();
    }

    private SrtpKeys keys(SecureRandom random) {
        byte[] material = new byte[SrtpKeys.materialLength(profile)];
        random.nextBytes(material);
        return SrtpKeys.fromExportedMaterial(profile, material);
    }
}
