package org.remotesupport.testsupport.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class TurnServerTest {

    private static final String SECRET = "turn-fixture-test-secret-0123";

    @Test
    void answersStunOnUdpServesItsPinnedCertificateOnTlsAndStops() throws Exception {
        TurnServer turn = TurnServer.start(SECRET, "example.test");
        try {
            assertThat(turn.tcpUrl()).isEqualTo("turn:127.0.0.1:" + turn.port() + "?transport=tcp");
            assertThat(turn.tlsUrl()).isEqualTo("turns:127.0.0.1:" + turn.tlsPort() + "?transport=tcp");
            assertThat(bindingResponse(turn.port())).as("STUN binding success response").isEqualTo(0x0101);

            // the JDK's own TLS client: the certificate the listener presents is the one the pin names
            X509Certificate[] presented = new X509Certificate[1];
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    presented[0] = chain[0];
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", turn.tlsPort())) {
                socket.setSoTimeout(5000);
                socket.startHandshake();
            }
            String pin = Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(presented[0].getPublicKey().getEncoded()));
            assertThat(pin).isEqualTo(turn.certificatePin());
        } finally {
            turn.close();
        }
        assertThat(accepts(turn.port())).as("plain listener after close").isFalse();
        assertThat(accepts(turn.tlsPort())).as("TLS listener after close").isFalse();
    }

    @Test
    void aMissingBinaryFailsWithWhatToInstall() {
        String before = System.getProperty("turnserver");
        System.setProperty("turnserver", "/nonexistent/turnserver");
        try {
            assertThatThrownBy(() -> TurnServer.start(SECRET, "example.test"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("scripts/test.sh")
                    .hasMessageContaining("apt-get install coturn");
        } finally {
            if (before == null) {
                System.clearProperty("turnserver");
            } else {
                System.setProperty("turnserver", before);
            }
        }
    }

    /** Sends an RFC 5389 Binding request and returns the response's message type. */
    private static int bindingResponse(int port) throws Exception {
        ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(0x2112A442);
        byte[] transaction = new byte[12];
        new SecureRandom().nextBytes(transaction);
        request.put(transaction);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            socket.send(new DatagramPacket(request.array(), 20, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            DatagramPacket response = new DatagramPacket(new byte[1500], 1500);
            socket.receive(response);
            return ByteBuffer.wrap(response.getData(), 0, response.getLength()).getShort() & 0xffff;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
