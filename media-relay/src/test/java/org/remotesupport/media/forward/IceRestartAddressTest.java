package org.remotesupport.media.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.media.DropReason;
import org.remotesupport.media.dtls.DtlsCertificate;
import org.remotesupport.media.dtls.DtlsHandshakes;
import org.remotesupport.media.sdp.OfferWriter;
import org.remotesupport.protocol.relay.RelayOffer;

/**
 * The rules for moving an endpoint to a new client address around an ICE restart, on the relay
 * core with a hand-driven clock and an output that records what would be sent: only an
 * authenticated, nominated check with the endpoint's current credentials moves it; checks with the
 * credentials a restart replaced are answered for a grace period but never move it; unauthenticated
 * checks and media from an old address never do.
 */
class IceRestartAddressTest {

    private static final InetSocketAddress WIFI = new InetSocketAddress("192.0.2.10", 50000);
    private static final InetSocketAddress MOBILE = new InetSocketAddress("198.51.100.20", 41000);
    private static final InetSocketAddress ATTACKER = new InetSocketAddress("203.0.113.66", 6666);

    private final SecureRandom random = new SecureRandom();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<InetSocketAddress> sentTo = new ArrayList<>();
    private DtlsHandshakes dtls;
    private RelayCounters counters;
    private RelayCore core;

    @BeforeEach
    void start() {
        dtls = new DtlsHandshakes(DtlsCertificate.generate(random, Clock.systemUTC()), random, 1, 20_000);
        counters = new RelayCounters(new SimpleMeterRegistry());
        PacketOutput output = new PacketOutput() {
            @Override
            public ByteBuf allocate(int capacity) {
                return Unpooled.buffer(capacity);
            }

            @Override
            public void write(ByteBuf packet, InetSocketAddress to) {
                sentTo.add(to);
                packet.release();
            }

            @Override
            public void flush() {
            }

            @Override
            public void sendFromAnyThread(byte[] data, int offset, int length, InetSocketAddress to) {
            }
        };
        core = new RelayCore(dtls, counters, output, Runnable::run, clock::get, random,
                List.of(new OfferWriter.Candidate("192.0.2.1", 3478)), new InetSocketAddress("192.0.2.1", 3478),
                30_000_000_000L);
    }

    @AfterEach
    void stop() {
        dtls.close();
    }

    @Test
    void onlyANominatedCheckWithTheNewCredentialsMovesTheEndpoint() throws Exception {
        RelayOffer first = core.allocate("s", "customer");
        Credentials relayOld = Credentials.of(first.sdp());
        core.answer("customer", first.revision(), answer("clientold", "clientoldpassword0000000"));
        assertThat(check(WIFI, relayOld, "clientold", true)).isTrue();
        assertThat(core.addressOf("customer")).isEqualTo(WIFI);

        RelayOffer restart = core.restartIce("customer");
        Credentials relayNew = Credentials.of(restart.sdp());
        assertThat(restart.revision()).isEqualTo(first.revision() + 1);
        assertThat(relayNew.ufrag()).isNotEqualTo(relayOld.ufrag());
        assertThat(relayNew.password()).isNotEqualTo(relayOld.password());
        core.answer("customer", restart.revision(), answer("clientnew", "clientnewpassword0000000"));

        // a check that does not verify with the relay's password is refused, wherever it comes from
        long refusedBefore = dropped(DropReason.ICE_AUTH_FAILED);
        assertThat(check(ATTACKER, new Credentials(relayNew.ufrag(), "guessedguessedguessed000"), "clientnew", true)).isFalse();
        assertThat(dropped(DropReason.ICE_AUTH_FAILED)).isEqualTo(refusedBefore + 1);
        assertThat(core.addressOf("customer")).isEqualTo(WIFI);

        // the old credentials are still answered (checks in flight) but do not move the endpoint
        assertThat(check(MOBILE, relayOld, "clientold", true)).isTrue();
        assertThat(core.addressOf("customer")).isEqualTo(WIFI);

        // the new credentials without USE-CANDIDATE: a check of a candidate pair, not a move
        assertThat(check(MOBILE, relayNew, "clientnew", false)).isTrue();
        assertThat(core.addressOf("customer")).isEqualTo(WIFI);

        // the new credentials with the client's old ufrag: refused once the answer named the new one
        assertThat(check(MOBILE, relayNew, "clientold", true)).isFalse();
        assertThat(core.addressOf("customer")).isEqualTo(WIFI);

        // the nomination with the new credentials moves it
        assertThat(check(MOBILE, relayNew, "clientnew", true)).isTrue();
        assertThat(core.addressOf("customer")).isEqualTo(MOBILE);
        assertThat(counters.pathChangeCount()).isEqualTo(1);
        assertThat(counters.iceRestartCount()).isEqualTo(1);

        // a late nominated check on the old path with the old credentials does not take it back
        assertThat(check(WIFI, relayOld, "clientold", true)).isTrue();
        assertThat(core.addressOf("customer")).isEqualTo(MOBILE);

        // media from the old address is not the endpoint's any more
        long unknownBefore = dropped(DropReason.UNKNOWN_SOURCE);
        byte[] rtp = new byte[40];
        rtp[0] = (byte) 0x80;
        rtp[1] = 96;
        core.onDatagram(rtp, rtp.length, WIFI);
        assertThat(dropped(DropReason.UNKNOWN_SOURCE)).isEqualTo(unknownBefore + 1);
        assertThat(core.addressOf("customer")).isEqualTo(MOBILE);

        // after the grace period the old credentials are refused
        clock.addAndGet(RelayCore.PREVIOUS_CREDENTIALS_GRACE_NANOS + 1_000_000_000L);
        core.tick();
        assertThat(check(WIFI, relayOld, "clientold", true)).isFalse();
        assertThat(check(MOBILE, relayNew, "clientnew", false)).isTrue();
        assertThat(core.addressOf("customer")).isEqualTo(MOBILE);
    }

    @Test
    void checksWithTheNewCredentialsCountBeforeTheClientsAnswerArrives() throws Exception {
        // the client starts checking as soon as it has applied the offer; its answer may still be on the way
        RelayOffer first = core.allocate("s", "customer");
        Credentials relayOld = Credentials.of(first.sdp());
        core.answer("customer", first.revision(), answer("clientold", "clientoldpassword0000000"));
        assertThat(check(WIFI, relayOld, "clientold", true)).isTrue();

        Credentials relayNew = Credentials.of(core.restartIce("customer").sdp());
        assertThat(check(MOBILE, relayNew, "clientnew", true)).isTrue();
        assertThat(core.addressOf("customer")).isEqualTo(MOBILE);
        // until the answer comes, the old credentials stay valid with no end set
        clock.addAndGet(3 * RelayCore.PREVIOUS_CREDENTIALS_GRACE_NANOS);
        core.tick();
        assertThat(check(WIFI, relayOld, "clientold", false)).isTrue();
        assertThat(core.addressOf("customer")).isEqualTo(MOBILE);
    }

    @Test
    void aSecondRestartRetiresTheOldestCredentialsAtOnce() throws Exception {
        RelayOffer first = core.allocate("s", "customer");
        Credentials oldest = Credentials.of(first.sdp());
        core.answer("customer", first.revision(), answer("client0", "client0password000000000"));
        assertThat(check(WIFI, oldest, "client0", true)).isTrue();
        // the first restart's offer is still unanswered when the network changes again
        core.restartIce("customer");
        RelayOffer second = core.restartIce("customer");
        Credentials newest = Credentials.of(second.sdp());
        core.answer("customer", second.revision(), answer("client2", "client2password000000000"));
        assertThat(check(WIFI, oldest, "client0", false)).isFalse();
        assertThat(check(MOBILE, newest, "client2", true)).isTrue();
        assertThat(core.addressOf("customer")).isEqualTo(MOBILE);
    }

    private long dropped(DropReason reason) {
        return counters.droppedCounts().getOrDefault(reason, 0L);
    }

    /** Sends a Binding request as a browser's controlling agent would; true if the relay answered it. */
    private boolean check(InetSocketAddress from, Credentials relay, String clientUfrag, boolean nominate) throws Exception {
        StunStack stack = new StunStack();
        stack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            @Override
            public byte[] getLocalKey(String username) {
                return null;
            }

            @Override
            public byte[] getRemoteKey(String username, String media) {
                return relay.password().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public boolean checkLocalUserName(String username) {
                return false;
            }
        });
        String username = relay.ufrag() + ":" + clientUfrag;
        Request request = MessageFactory.createBindingRequest(random.nextInt() & 0x7fffffffL, true, random.nextLong());
        byte[] transactionId = new byte[12];
        random.nextBytes(transactionId);
        request.setTransactionID(transactionId);
        request.putAttribute(AttributeFactory.createUsernameAttribute(username));
        if (nominate) {
            request.putAttribute(AttributeFactory.createUseCandidateAttribute());
        }
        request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
        request.putAttribute(AttributeFactory.createFingerprintAttribute());
        byte[] encoded = request.encode(stack);
        int sentBefore = sentTo.size();
        core.onDatagram(encoded, encoded.length, from);
        return sentTo.size() == sentBefore + 1 && sentTo.get(sentBefore).equals(from);
    }

    /** A receive-only answer to the relay's two uplink m-lines, as a client that publishes nothing writes it. */
    private String answer(String ufrag, String password) {
        String fingerprint = dtls.certificate().fingerprint(); // any well-formed SHA-256 fingerprint will do
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n");
        String[][] lines = {{"audio", "111", "0"}, {"video", "96", "1"}};
        for (String[] line : lines) {
            sdp.append("m=").append(line[0]).append(" 9 UDP/TLS/RTP/SAVPF ").append(line[1]).append("\r\n")
                    .append("c=IN IP4 0.0.0.0\r\n")
                    .append("a=ice-ufrag:").append(ufrag).append("\r\n")
                    .append("a=ice-pwd:").append(password).append("\r\n")
                    .append("a=fingerprint:sha-256 ").append(fingerprint).append("\r\n")
                    .append("a=setup:active\r\n")
                    .append("a=mid:").append(line[2]).append("\r\n")
                    .append("a=inactive\r\n")
                    .append("a=rtcp-mux\r\n");
        }
        return sdp.toString();
    }

    /** The relay's ICE credentials as an offer states them. */
    private record Credentials(String ufrag, String password) {
        static Credentials of(String sdp) {
            String ufrag = null;
            String password = null;
            for (String line : sdp.split("\r\n")) {
                if (line.startsWith("a=ice-ufrag:")) {
                    ufrag = line.substring("a=ice-ufrag:".length());
                } else if (line.startsWith("a=ice-pwd:")) {
                    password = line.substring("a=ice-pwd:".length());
                }
            }
            return new Credentials(ufrag, password);
        }
    }
}
