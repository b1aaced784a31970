package org.remotesupport.bench.micro;

import java.net.InetSocketAddress;
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
import org.remotesupport.media.srtp.PacketBuffer;
import org.remotesupport.media.srtp.SrtpProfile;

/**
 * The relay's whole per-packet path for one incoming video packet, in process: demultiplex by
 * sender, SRTP decrypt, reception statistics, the NACK cache, and one SRTP encrypt and queued write
 * per subscriber (fan-out). Each operation first encrypts a fresh packet as the publisher would
 * ({@link #publisherEncryptOnly} measures that part alone, to subtract); {@link #demultiplexUnknownSender}
 * measures classification and the address lookup for a datagram from nobody. One JMH thread is the
 * relay's event loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ForwardBenchmark {

    @Param({"1", "3"})
    public int subscribers;

    /** The profile browsers and our relay agree on first; {@link SrtpBenchmark} compares the profiles. */
    @Param({"AEAD_AES_128_GCM"})
    public SrtpProfile profile;

    private InProcessRelay relay;
    private InProcessRelay.Client publisher;
    private final byte[] packet = new byte[1500];
    private final byte[] stranger = new byte[1200];
    private final PacketBuffer view = new PacketBuffer();
    private final InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", 9);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        relay = new InProcessRelay(subscribers, profile);
        publisher = relay.publisher();
        relay.requireForwarding(subscribers);
        stranger[0] = (byte) 0x80;
        stranger[1] = 96;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        relay.close();
    }

    @Benchmark
    public long forwardVideoPacket() throws Exception {
        int length = relay.protectedVideo(publisher, packet, 1100, view);
        relay.core().onDatagram(packet, length, publisher.address);
        relay.flush();
        return relay.written();
    }

    @Benchmark
    public int publisherEncryptOnly() throws Exception {
        return relay.protectedVideo(publisher, packet, 1100, view);
    }

    @Benchmark
    public long demultiplexUnknownSender() {
        relay.core().onDatagram(stranger, stranger.length, nobody);
        return relay.written();
    }
}
