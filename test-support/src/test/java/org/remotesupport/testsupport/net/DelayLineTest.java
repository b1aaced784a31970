package org.remotesupport.testsupport.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Both delay lines in front of an echo server on loopback: a round trip through them takes at
 * least twice the delay (a new TCP connection one round trip more), bytes arrive unchanged and in
 * order, and a line set to no delay still passes everything. Only lower bounds on time are
 * asserted: a busy machine can make a round trip slower, never faster.
 */
class DelayLineTest {

    private static final Duration ONE_WAY = Duration.ofMillis(40);

    @Test
    void datagramsComeBackAfterTwoDelaysFromTheFrontAddress() throws Exception {
        try (DatagramSocket echo = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             UdpDelayLine line = UdpDelayLine.open(new InetSocketAddress("127.0.0.2", 0),
                     (InetSocketAddress) echo.getLocalSocketAddress(), ONE_WAY);
             DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Thread echoing = UdpDelayLine.daemon(() -> {
                byte[] buffer = new byte[2048];
                try {
                    while (true) {
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        echo.receive(packet);
                        echo.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            }, "echo");
            echoing.start();
            client.setSoTimeout(10_000);

            for (int i = 0; i < 3; i++) {
                byte[] sent = ("datagram " + i).getBytes(StandardCharsets.UTF_8);
                long before = System.nanoTime();
                client.send(new DatagramPacket(sent, sent.length, line.frontAddress()));
                DatagramPacket answer = new DatagramPacket(new byte[2048], 2048);
                client.receive(answer);
                long took = System.nanoTime() - before;
                assertThat(Arrays.copyOf(answer.getData(), answer.getLength())).isEqualTo(sent);
                assertThat(answer.getSocketAddress()).as("answers come from where the client sent")
                        .isEqualTo(line.frontAddress());
                assertThat(Duration.ofNanos(took)).isGreaterThanOrEqualTo(ONE_WAY.multipliedBy(2));
            }

            line.setDelay(Duration.ZERO);
            byte[] sent = "no delay".getBytes(StandardCharsets.UTF_8);
            client.send(new DatagramPacket(sent, sent.length, line.frontAddress()));
            DatagramPacket answer = new DatagramPacket(new byte[2048], 2048);
            client.receive(answer);
            assertThat(Arrays.copyOf(answer.getData(), answer.getLength())).isEqualTo(sent);
            // the line counts a datagram after sending it, so the echo can arrive before the count
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (line.forwarded() < 8 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(line.forwarded()).isEqualTo(8);
        }
    }

    @Test
    void aConnectionPaysItsHandshakeAndEveryExchangeTwoDelays() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             TcpDelayLine line = TcpDelayLine.open(new InetSocketAddress("127.0.0.1", 0),
                     (InetSocketAddress) echo.getLocalSocketAddress(), ONE_WAY)) {
            UdpDelayLine.daemon(() -> {
                try (Socket accepted = echo.accept()) {
                    accepted.getInputStream().transferTo(accepted.getOutputStream());
                } catch (Exception closed) {
                    // the test is over
                }
            }, "echo").start();

            long before = System.nanoTime();
            try (Socket client = new Socket()) {
                client.connect(line.frontAddress(), 10_000);
                client.setSoTimeout(10_000);
                OutputStream out = client.getOutputStream();
                InputStream in = client.getInputStream();
                out.write("first".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(in.readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("first");
                assertThat(Duration.ofNanos(System.nanoTime() - before)).as("handshake and one exchange")
                        .isGreaterThanOrEqualTo(ONE_WAY.multipliedBy(4));

                long second = System.nanoTime();
                out.write("second".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(in.readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("second");
                assertThat(Duration.ofNanos(System.nanoTime() - second)).isGreaterThanOrEqualTo(ONE_WAY.multipliedBy(2));

                // many small writes arrive whole and in order
                StringBuilder expected = new StringBuilder();
                for (int i = 0; i < 200; i++) {
                    String piece = i + ",";
                    expected.append(piece);
                    out.write(piece.getBytes(StandardCharsets.UTF_8));
                }
                client.shutdownOutput();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .as("everything echoed, then the end of the stream").isEqualTo(expected.toString());
            }
        }
    }
}
