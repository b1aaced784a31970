package org.remotesupport.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tls.DatagramTransport;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.remotesupport.media.dtls.DtlsCertificate;
import org.remotesupport.media.dtls.DtlsSrtpClient;
import org.remotesupport.media.rtp.Rtp;
import org.remotesupport.media.srtp.PacketBuffer;
import org.remotesupport.media.srtp.SrtpKeys;
import org.remotesupport.media.srtp.SrtpProfile;
import org.remotesupport.media.srtp.SrtpTransformer;
import org.remotesupport.protocol.relay.RelayOffer;

/**
 * A minimal WebRTC endpoint for relay tests: answers the relay's offer, runs ICE checks (ice4j
 * codec), the DTLS client handshake and SRTP with the relay's own code in the client role, sends
 * RTP/RTCP and records what it receives. One receiving thread per client.
 */
final class LiteClient implements AutoCloseable {

    static final int AUDIO_PT = 111;
    static final int VP8_PT = 96;

    final long audioSsrc;
    final long videoSsrc;
    private final DatagramSocket socket;
    private final SecureRandom random = new SecureRandom();
    private final DtlsCertificate certificate = DtlsCertificate.generate(random, Clock.systemUTC());
    private final String ufrag;
    private final String password;
    private final BlockingQueue<byte[]> dtlsInbound = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> stunInbound = new LinkedBlockingQueue<>();
    private final Map<Long, AtomicLong> rtpReceived = new ConcurrentHashMap<>();
    final List<byte[]> rtcpReceived = new CopyOnWriteArrayList<>();
    final List<Integer> rtpSequencesReceived = new CopyOnWriteArrayList<>();
    /** Every RTP packet received, decrypted, in arrival order. */
    final List<byte[]> rtpPacketsReceived = new CopyOnWriteArrayList<>();
    /** Simulcast layers the answer sends on the uplink video line (rtp-stream-id extension id 5); empty: one SSRC. */
    volatile List<String> sendRids = List.of();
    /** Sequence numbers whose first arrival is discarded, as a lossy network would. */
    final java.util.Set<Integer> loseOnce = ConcurrentHashMap.newKeySet();
    private final Thread receiver;
    private volatile InetSocketAddress relay;
    private volatile SrtpTransformer srtp;
    private volatile boolean closed;
    private volatile boolean consentStopped;
    private Thread consent;
    private String relayUfrag;
    private String relayPassword;
    private String relayFingerprint;
    private int sequence = random.nextInt(1 << 15);
    private final PacketBuffer view = new PacketBuffer();

    private final SrtpProfile[] profiles;

    LiteClient() throws SocketException {
        this(SrtpProfile.values());
    }

    /** A client that offers only these SRTP profiles in DTLS, in this order. */
    LiteClient(SrtpProfile... profiles) throws SocketException {
        this.profiles = profiles.clone();
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        audioSsrc = random.nextInt() & 0xffffffffL;
        videoSsrc = random.nextInt() & 0xffffffffL;
        ufrag = "cl" + Integer.toHexString(random.nextInt());
        password = "clientpassword" + Long.toHexString(random.nextLong());
        receiver = new Thread(this::receiveLoop, "lite-client-" + socket.getLocalPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    DatagramSocket socket() {
        return socket;
    }

    /**
     * Writes the answer to an offer: sends audio and video on the uplink m-lines when
     * {@code publish} is set, receives every downlink line.
     */
    String answer(RelayOffer offer, boolean publish) {
        List<String> lines = Arrays.asList(offer.sdp().split("\r\n"));
        StringBuilder sdp = new StringBuilder();
        sdp.append("v=0\r\no=- 1 ").append(offer.revision()).append(" IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        StringBuilder bundle = new StringBuilder("a=group:BUNDLE");
        List<List<String>> media = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("m=")) {
                media.add(new ArrayList<>());
            }
            if (!media.isEmpty()) {
                media.get(media.size() - 1).add(line);
            }
            if (line.startsWith("a=ice-ufrag:")) {
                relayUfrag = line.substring(12);
            } else if (line.startsWith("a=ice-pwd:")) {
                relayPassword = line.substring(10);
            } else if (line.startsWith("a=fingerprint:sha-256 ")) {
                relayFingerprint = line.substring(22);
            } else if (line.startsWith("a=candidate:") && relay == null) {
                String[] parts = line.split(" ");
                relay = new InetSocketAddress(parts[4], Integer.parseInt(parts[5]));
            }
        }
        for (List<String> m : media) {
            String mid = m.stream().filter(l -> l.startsWith("a=mid:")).findFirst().orElseThrow().substring(6);
            bundle.append(' ').append(mid);
        }
        sdp.append(bundle).append("\r\n");
        for (List<String> m : media) {
            String[] mline = m.get(0).split(" ");
            String kind = mline[0].substring(2);
            String pt = mline[3];
            String mid = m.stream().filter(l -> l.startsWith("a=mid:")).findFirst().orElseThrow().substring(6);
            String offered = m.stream().filter(l -> l.matches("a=(sendrecv|sendonly|recvonly|inactive)"))
                    .findFirst().orElse("a=sendrecv").substring(2);
            String direction = switch (offered) {
                case "recvonly" -> publish ? "sendonly" : "inactive";
                case "sendonly" -> "recvonly";
                default -> "inactive";
            };
            sdp.append("m=").append(kind).append(" 9 UDP/TLS/RTP/SAVPF ").append(pt).append("\r\n");
            sdp.append("c=IN IP4 0.0.0.0\r\n");
            sdp.append("a=ice-ufrag:").append(ufrag).append("\r\n");
            sdp.append("a=ice-pwd:").append(password).append("\r\n");
            sdp.append("a=fingerprint:sha-256 ").append(certificate.fingerprint()).append("\r\n");
            sdp.append("a=setup:active\r\n");
            sdp.append("a=mid:").append(mid).append("\r\n");
            sdp.append("a=").append(direction).append("\r\n");
            sdp.append("a=rtcp-mux\r\n");
            if (direction.equals("sendonly") && kind.equals("video") && !sendRids.isEmpty()) {
                sdp.append("a=extmap:5 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n");
                for (String rid : sendRids) {
                    sdp.append("a=rid:").append(rid).append(" send\r\n");
                }
                sdp.append("a=simulcast:send ").append(String.join(";", sendRids)).append("\r\n");
            } else if (direction.equals("sendonly")) {
                long ssrc = kind.equals("audio") ? audioSsrc : videoSsrc;
                sdp.append("a=ssrc:").append(ssrc).append(" cname:lite\r\n");
            }
        }
        return sdp.toString();
    }

    /** Runs ICE checks until the relay answers, then the DTLS handshake; blocks until SRTP is ready. */
    void connect(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        StunStack stack = new StunStack();
        String username = relayUfrag + ":" + ufrag;
        stack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            @Override
            public byte[] getLocalKey(String user) {
                return null;
            }

            @Override
            public byte[] getRemoteKey(String user, String media) {
                return relayPassword.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public boolean checkLocalUserName(String user) {
                return false;
            }
        });
        boolean iceDone = false;
        while (!iceDone) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no ICE response from the relay");
            }
            byte[] check = bindingRequest(stack, username, true);
            socket.send(new DatagramPacket(check, check.length, relay));
            byte[] response = stunInbound.poll(200, TimeUnit.MILLISECONDS);
            if (response != null) {
                Message message = Message.decode(response, 0, response.length);
                iceDone = message.getMessageType() == Message.BINDING_SUCCESS_RESPONSE;
            }
        }
        consent = new Thread(() -> {
            // browsers refresh consent every few seconds (RFC 7675); without it the relay forgets the address
            while (!closed && !consentStopped) {
                try {
                    byte[] refresh = bindingRequest(stack, username, false);
                    socket.send(new DatagramPacket(refresh, refresh.length, relay));
                    TimeUnit.MILLISECONDS.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    if (closed) {
                        return;
                    }
                }
            }
        }, "lite-client-consent");
        consent.setDaemon(true);
        consent.start();
        SrtpKeys keys = DtlsSrtpClient.handshake(certificate, relayFingerprint, new SocketTransport(deadline), random, profiles);
        srtp = SrtpTransformer.forDtlsClient(keys);
    }

    /** Encodes a Binding request as a browser's controlling agent sends it. */
    byte[] bindingRequest(StunStack stack, String username, boolean nominate) throws Exception {
        Request request = MessageFactory.createBindingRequest(random.nextInt() & 0x7fffffffL, false, random.nextLong());
        byte[] transactionId = new byte[12];
        random.nextBytes(transactionId);
        request.setTransactionID(transactionId);
        request.putAttribute(AttributeFactory.createUsernameAttribute(username));
        if (nominate) {
            request.putAttribute(AttributeFactory.createUseCandidateAttribute());
        }
        request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
        request.putAttribute(AttributeFactory.createFingerprintAttribute());
        return request.encode(stack);
    }

    /** Stops consent refreshes, as a client that walked out of coverage. */
    void stopConsent() {
        consentStopped = true;
    }

    /** The sequence number the next {@link #sendRtp} uses. */
    synchronized int nextSequence() {
        return sequence & 0xffff;
    }

    /** Sends one SRTP packet with the given payload on an SSRC. */
    synchronized void sendRtp(long ssrc, int payloadType, long timestamp, byte[] payload) throws Exception {
        byte[] packet = new byte[Rtp.HEADER_LENGTH + payload.length + PacketBuffer.TRAILER_ROOM];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) payloadType;
        Rtp.put16(packet, 2, sequence++ & 0xffff);
        Rtp.put32(packet, 4, timestamp);
        Rtp.put32(packet, 8, ssrc);
        System.arraycopy(payload, 0, packet, Rtp.HEADER_LENGTH, payload.length);
        view.wrap(packet, 0, Rtp.HEADER_LENGTH + payload.length);
        srtp.protectRtp(view);
        socket.send(new DatagramPacket(packet, 0, view.getLength(), relay));
    }

    /** Sends a plain RTP packet the caller built, protected with SRTP. */
    synchronized void sendPlainRtp(byte[] plain) throws Exception {
        byte[] packet = Arrays.copyOf(plain, plain.length + PacketBuffer.TRAILER_ROOM);
        view.wrap(packet, 0, plain.length);
        srtp.protectRtp(view);
        socket.send(new DatagramPacket(packet, 0, view.getLength(), relay));
    }

    /** Sends a plain RTCP packet, protected with SRTCP. */
    synchronized void sendRtcp(byte[] plain, int length) throws Exception {
        byte[] packet = Arrays.copyOf(plain, length + PacketBuffer.TRAILER_ROOM);
        view.wrap(packet, 0, length);
        srtp.protectRtcp(view);
        socket.send(new DatagramPacket(packet, 0, view.getLength(), relay));
    }

    /** Sends raw bytes to the relay port, unprotected. */
    void sendRaw(byte[] data) throws IOException {
        socket.send(new DatagramPacket(data, data.length, relay));
    }

    /** The profile the handshake settled on, or null before it. */
    SrtpProfile negotiatedProfile() {
        SrtpTransformer keys = srtp;
        return keys == null ? null : keys.profile();
    }

    long rtpReceived(long ssrc) {
        AtomicLong count = rtpReceived.get(ssrc);
        return count == null ? 0 : count.get();
    }

    InetSocketAddress relayAddress() {
        return relay;
    }

    private void receiveLoop() {
        byte[] buffer = new byte[2048];
        PacketBuffer in = new PacketBuffer();
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            int length = packet.getLength();
            switch (Rtp.classify(buffer, 0, length)) {
                case STUN -> stunInbound.add(Arrays.copyOf(buffer, length));
                case DTLS -> dtlsInbound.add(Arrays.copyOf(buffer, length));
                case RTP -> {
                    if (loseOnce.remove(Rtp.sequence(buffer, 0))) {
                        continue;
                    }
                    SrtpTransformer keys = srtp;
                    try {
                        if (keys != null && keys.unprotectRtp(in.wrap(buffer, 0, length)) == org.jitsi.srtp.SrtpErrorStatus.OK) {
                            rtpReceived.computeIfAbsent(Rtp.ssrc(buffer, 0), k -> new AtomicLong()).incrementAndGet();
                            rtpSequencesReceived.add(Rtp.sequence(buffer, 0));
                            rtpPacketsReceived.add(Arrays.copyOf(buffer, in.getLength()));
                        }
                    } catch (Exception e) {
                        // a test asserts on what arrived; an undecryptable packet simply does not count
                    }
                }
                case RTCP -> {
                    SrtpTransformer keys = srtp;
                    try {
                        if (keys != null && keys.unprotectRtcp(in.wrap(buffer, 0, length)) == org.jitsi.srtp.SrtpErrorStatus.OK) {
                            rtcpReceived.add(Arrays.copyOf(buffer, in.getLength()));
                        }
                    } catch (Exception e) {
                        // as above
                    }
                }
                default -> {
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        SrtpTransformer keys = srtp;
        if (keys != null) {
            keys.close();
        }
    }

    /** BouncyCastle's view of this client's socket for the handshake. */
    private final class SocketTransport implements DatagramTransport {
        private final long deadline;

        SocketTransport(long deadline) {
            this.deadline = deadline;
        }

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
            if (System.nanoTime() > deadline) {
                throw new IOException("DTLS handshake timed out");
            }
            try {
                byte[] record = dtlsInbound.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
                if (record == null) {
                    return -1;
                }
                System.arraycopy(record, 0, buf, off, Math.min(len, record.length));
                return Math.min(len, record.length);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            socket.send(new DatagramPacket(buf, off, len, relay));
        }

        @Override
        public void close() {
        }
    }
}
