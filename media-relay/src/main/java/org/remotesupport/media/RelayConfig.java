package org.remotesupport.media;

import java.time.Duration;
import java.util.List;
import org.remotesupport.media.record.RecordingConfig;

/**
 * Settings of one media relay instance: where its single UDP port listens, which addresses it
 * advertises as ICE host candidates, and how long an endpoint keeps its address without checks.
 *
 * @param bindAddress         address the UDP port binds to ({@code 0.0.0.0} for all interfaces)
 * @param port                UDP port; 0 picks a free one
 * @param advertisedAddresses addresses written as host candidates into offers; empty means every
 *                            address of the host's up interfaces (loopback last)
 * @param consentTimeout      an endpoint whose client sends no valid ICE check for this long loses
 *                            its address and stops receiving media (RFC 7675 uses 30 s)
 * @param nativeTransport     use Linux epoll when it is available
 * @param recording           where recordings are written; null: this relay does not record
 * @param simulcast           offer publishers to send up to three simulcast layers and give each
 *                            subscriber the one its downlink carries
 */
public record RelayConfig(
        String bindAddress,
        int port,
        List<String> advertisedAddresses,
        Duration consentTimeout,
        boolean nativeTransport,
        RecordingConfig recording,
        boolean simulcast) {

    /** A relay that does not record. */
    public RelayConfig(String bindAddress, int port, List<String> advertisedAddresses, Duration consentTimeout,
                       boolean nativeTransport) {
        this(bindAddress, port, advertisedAddresses, consentTimeout, nativeTransport, null, true);
    }

    /** A relay that offers simulcast. */
    public RelayConfig(String bindAddress, int port, List<String> advertisedAddresses, Duration consentTimeout,
                       boolean nativeTransport, RecordingConfig recording) {
        this(bindAddress, port, advertisedAddresses, consentTimeout, nativeTransport, recording, true);
    }

    public RelayConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("relay port out of range: " + port);
        }
        if (consentTimeout == null || consentTimeout.isNegative() || consentTimeout.isZero()) {
            throw new IllegalArgumentException("relay consent timeout must be positive");
        }
        advertisedAddresses = List.copyOf(advertisedAddresses);
    }

    /** This configuration, recording as {@code recording} says (null: not recording). */
    public RelayConfig withRecording(RecordingConfig recording) {
        return new RelayConfig(bindAddress, port, advertisedAddresses, consentTimeout, nativeTransport, recording, simulcast);
    }

    /** This configuration, offering simulcast or not. */
    public RelayConfig withSimulcast(boolean simulcast) {
        return new RelayConfig(bindAddress, port, advertisedAddresses, consentTimeout, nativeTransport, recording, simulcast);
    }

    /** Loopback only, a free port: what tests and benchmarks use. */
    public static RelayConfig loopback() {
        return new RelayConfig("127.0.0.1", 0, List.of("127.0.0.1"), Duration.ofSeconds(30), true);
    }
}
