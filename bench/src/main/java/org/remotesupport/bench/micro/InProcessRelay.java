package org.remotesupport.bench.micro;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.remotesupport.bench.load.SdpSections;
import org.remotesupport.bench.relay.RelayAnswer;
import org.remotesupport.media.dtls.DtlsCertificate;
import org.remotesupport.media.dtls.DtlsHandshakes;
import org.remotesupport.media.dtls.DtlsSrtpClient;
import org.remotesupport.media.forward.PacketOutput;
import org.remotesupport.media.forward.RelayCore;
import org.remotesupport.media.forward.RelayCounters;
import org.remotesupport.media.rtp.Rtp;
import org.remotesupport.media.sdp.OfferWriter;
import org.remotesupport.media.srtp.PacketBuffer;
import org.remotesupport.media.srtp.SrtpKeys;
import org.remotesupport.media.srtp.SrtpProfile;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.relay.RelayOffer;

/**
 * The relay's forwarding core without a socket, for microbenchmarks of its per-packet path: one
 * publisher and {@code subscribers} subscribers in a session, connected through real ICE checks and
 * DTLS handshakes (the clients use the relay's own client code), after which the caller's thread
 * is the core's event loop and feeds it datagrams. Queued output is counted and released, as the
 * channel would after sending. Confined to the thread that built it.
 */
final class InProcessRelay implements AutoCloseable {

    /** One client of the session: its address, its keys and what it sends. */
    static final class Client {
        final String name;
        final InetSocketAddress address;
        final String ufrag = Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8);
        final String password = "benchpassword" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        final long audioSsrc;
        final long videoSsrc;
        final BlockingQueue<byte[]> dtlsInbound = new LinkedBlockingQueue<>();
        volatile org.remotesupport.media.srtp.SrtpTransformer srtp;
        String relayUfrag;
        String relayPassword;
        String relayFingerprint;
        int sequence;

        Client(String name, int port, long audioSsrc, long videoSsrc) {
            this.name = name;
            this.address = new InetSocketAddress("127.0.0.1", port);
            this.audioSsrc = audioSsrc;
            this.videoSsrc = videoSsrc;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final DtlsCertificate certificate = DtlsCertificate.generate(random, Clock.systemUTC());
    private final DtlsHandshakes dtls;
    private final ConcurrentLinkedQueue<Runnable> loop = new ConcurrentLinkedQueue<>();
    private final Map<InetSocketAddress, Client> byAddress = new ConcurrentHashMap<>();
    private final RelayCore core;
    private final CountingOutput output = new CountingOutput();
    private final RelayCounters counters = new RelayCounters(new SimpleMeterRegistry());
    private final List<Client> clients = new ArrayList<>();
    private long written;

    InProcessRelay(int subscribers, SrtpProfile profile) throws Exception {
        dtls = new DtlsHandshakes(DtlsCertificate.generate(random, Clock.systemUTC()), random, 2, 20_000);
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 10000);
        core = new RelayCore(dtls, counters, output, loop::add,
                System::nanoTime, random, List.of(new OfferWriter.Candidate("127.0.0.1", 10000)), local,
                TimeUnit.SECONDS.toNanos(3600));
        Map<String, Client> byName = new ConcurrentHashMap<>();
        java.util.Set<String> connected = ConcurrentHashMap.newKeySet();
        core.setEvents(new RelayEvents() {
            @Override
            public void offer(String endpointId, RelayOffer offer) {
                answer(byName.get(endpointId), offer);
            }

            @Override
            public void stateChanged(String endpointId, EndpointState state) {
                if (state == EndpointState.CONNECTED) {
                    connected.add(endpointId);
                }
            }
        });
        Client publisher = new Client("publisher", 20000, random.nextInt() & 0xffffffffL, random.nextInt() & 0xffffffffL);
        clients.add(publisher);
        for (int i = 0; i < subscribers; i++) {
            clients.add(new Client("subscriber" + i, 20001 + i, -1, -1));
        }
        for (Client client : clients) {
            byName.put(client.name, client);
            byAddress.put(client.address, client);
        }
        // subscribers first, so that the publisher's answer makes the relay offer them its tracks
        for (Client client : clients.subList(1, clients.size())) {
            answer(client, core.allocate("session", client.name));
        }
        answer(publisher, core.allocate("session", publisher.name));
        List<CompletableFuture<Void>> handshakes = new ArrayList<>();
        for (Client client : clients) {
            core.onDatagram(check(client), check(client).length, client.address);
            handshakes.add(CompletableFuture.runAsync(() -> handshake(client, profile)));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(handshakes.toArray(CompletableFuture[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // the relay reports an endpoint connected once it has published the keys on its event loop
        while (!all.isDone() || connected.size() < clients.size()) {
            if (System.nanoTime() > deadline || all.isCompletedExceptionally()) {
                all.get();
                throw new IllegalStateException("only " + connected + " connected");
            }
            runLoopTasks();
            TimeUnit.MILLISECONDS.sleep(1);
        }
        runLoopTasks();
    }

    /**
     * Forwards a few packets and fails unless each reached every subscriber: a benchmark of a path
     * that drops its packets would measure nothing.
     */
    void requireForwarding(int subscribers) throws Exception {
        byte[] packet = new byte[1500];
        PacketBuffer view = new PacketBuffer();
        for (int i = 0; i < 10; i++) {
            int length = protectedVideo(publisher(), packet, 1100, view);
            core.onDatagram(packet, length, publisher().address);
            runLoopTasks();
        }
        long before = counters.forwardedCount();
        for (int i = 0; i < 10; i++) {
            int length = protectedVideo(publisher(), packet, 1100, view);
            core.onDatagram(packet, length, publisher().address);
            runLoopTasks();
        }
        long forwarded = counters.forwardedCount() - before;
        if (forwarded != 10L * subscribers) {
            throw new IllegalStateException("forwarded " + forwarded + " of " + 10 * subscribers + "; drops "
                    + counters.droppedCounts());
        }
    }

    Client publisher() {
        return clients.get(0);
    }

    RelayCore core() {
        return core;
    }

    long written() {
        return written;
    }

    /** Runs what the core queued for its event loop; the caller is that loop. */
    void runLoopTasks() {
        Runnable task;
        while ((task = loop.poll()) != null) {
            task.run();
        }
        output.flush();
    }

    /** Sends what the core queued, as the channel does at the end of a read batch. */
    void flush() {
        output.flush();
    }

    /**
     * Writes a fresh RTP packet of the client into {@code packet}, with a transport-wide sequence
     * number in a one-byte header extension as browsers send it, and encrypts it; returns its length.
     */
    int protectedVideo(Client client, byte[] packet, int payloadLength, PacketBuffer view) throws Exception {
        int sequence = client.sequence++ & 0xffff;
        packet[0] = (byte) 0x90;
        packet[1] = 96;
        Rtp.put16(packet, 2, sequence);
        Rtp.put32(packet, 4, client.sequence * 3000L);
        Rtp.put32(packet, 8, client.videoSsrc);
        Rtp.put16(packet, 12, 0xbede);
        Rtp.put16(packet, 14, 1);
        packet[16] = (byte) ((OfferWriter.TRANSPORT_CC_EXTENSION_ID << 4) | 1);
        Rtp.put16(packet, 17, sequence);
        packet[19] = 0;
        view.wrap(packet, 0, Rtp.HEADER_LENGTH + 8 + payloadLength);
        client.srtp.protectRtp(view);
        return view.getLength();
    }

    private void answer(Client client, RelayOffer offer) {
        SdpSections sdp = SdpSections.parse(offer.sdp());
        client.relayUfrag = sdp.iceUfrag();
        client.relayPassword = sdp.icePassword();
        client.relayFingerprint = sdp.sha256Fingerprint();
        String answer = RelayAnswer.write(client.ufrag, client.password, certificate.fingerprint(), client.name,
                client.audioSsrc, client.videoSsrc, sdp, offer.uplink().get("audio"), offer.uplink().get("video"));
        core.answer(client.name, offer.revision(), answer);
    }

    private byte[] check(Client client) {
        try {
            StunStack stack = new StunStack();
            stack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
                @Override
                public byte[] getLocalKey(String username) {
                    return null;
                }

                @Override
                public byte[] getRemoteKey(String username, String media) {
                    return client.relayPassword.getBytes(StandardCharsets.UTF_8);
                }

                @Override
                public boolean checkLocalUserName(String username) {
                    return false;
                }
            });
            Request request = MessageFactory.createBindingRequest(1, true, 1);
            byte[] id = new byte[12];
            random.nextBytes(id);
            request.setTransactionID(id);
            String username = client.relayUfrag + ":" + client.ufrag;
            request.putAttribute(AttributeFactory.createUsernameAttribute(username));
            request.putAttribute(AttributeFactory.createUseCandidateAttribute());
            request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
            request.putAttribute(AttributeFactory.createFingerprintAttribute());
            return request.encode(stack);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void handshake(Client client, SrtpProfile profile) {
        try {
            SrtpKeys keys = DtlsSrtpClient.handshake(certificate, client.relayFingerprint, new DatagramTransport() {
                @Override
                public int getReceiveLimit() {
                    return 1500;
                }

                @Override
                public int getSendLimit() {
                    return 1200;
                }

                @Override
                public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
                    try {
                        byte[] record = client.dtlsInbound.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
                        if (record == null) {
                            return -1;
                        }
                        System.arraycopy(record, 0, buf, off, record.length);
                        return record.length;
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                }

                @Override
                public void send(byte[] buf, int off, int len) {
                    byte[] record = java.util.Arrays.copyOfRange(buf, off, off + len);
                    loop.add(() -> core.onDatagram(record, record.length, client.address));
                }

                @Override
                public void close() {
                }
            }, random, profile);
            client.srtp = org.remotesupport.media.srtp.SrtpTransformer.forDtlsClient(keys);
        } catch (IOException e) {
            throw new IllegalStateException(client.name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dtls.close();
    }

    /** Stands in for the relay's channel: pooled heap buffers as the channel allocates them, released on write. */
    private final class CountingOutput implements PacketOutput {

        private final ArrayDeque<ByteBuf> queued = new ArrayDeque<>();

        @Override
        public ByteBuf allocate(int capacity) {
            return PooledByteBufAllocator.DEFAULT.heapBuffer(capacity);
        }

        @Override
        public void write(ByteBuf packet, InetSocketAddress to) {
            queued.add(packet);
        }

        @Override
        public void flush() {
            ByteBuf packet;
            while ((packet = queued.poll()) != null) {
                written++;
                packet.release();
            }
        }

        @Override
        public void sendFromAnyThread(byte[] data, int offset, int length, InetSocketAddress to) {
            Client client = byAddress.get(to);
            if (client != null) {
                client.dtlsInbound.add(java.util.Arrays.copyOfRange(data, offset, offset + length));
            }
        }
    }
}
