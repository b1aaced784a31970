package org.remotesupport.app.relay;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.remotesupport.media.RelayConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the embedded media relay, bound from {@code remote-support.relay.*} and checked when
 * the application starts; {@link #toRelayConfig()} turns them into the relay's own configuration.
 *
 * @param bindAddress         IP address the relay's UDP port binds to; {@code 0.0.0.0} for every interface
 * @param port                the one UDP port of the relay; 0 picks a free port (tests)
 * @param advertisedAddresses IP addresses written into offers as host candidates; empty means the
 *                            addresses of every interface of this host that is up
 * @param consentTimeout      how long an endpoint keeps its media path without ICE consent checks
 * @param nativeTransport     use Linux epoll when available instead of the JDK's NIO
 * @param simulcast           offer browsers to send three simulcast layers; each viewer gets the one
 *                            its downlink carries
 */
@Validated
@ConfigurationProperties("remote-support.relay")
public record RelayProperties(
        @DefaultValue("0.0.0.0") @NotBlank String bindAddress,
        @DefaultValue("10000") @Min(0) @Max(65535) int port,
        @DefaultValue List<String> advertisedAddresses,
        @DefaultValue("30s") @NotNull Duration consentTimeout,
        @DefaultValue("true") boolean nativeTransport,
        @DefaultValue("true") boolean simulcast) {

    // literals only: a host name would make start-up wait on DNS and could resolve differently later
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%a-zA-Z]*");

    public RelayProperties {
        advertisedAddresses = advertisedAddresses == null ? List.of() : List.copyOf(advertisedAddresses);
    }

    /** The relay configuration these settings describe. */
    public RelayConfig toRelayConfig() {
        return new RelayConfig(bindAddress, port, advertisedAddresses, consentTimeout, nativeTransport).withSimulcast(simulcast);
    }

    @AssertTrue(message = "must be an IP address literal")
    boolean isBindAddressValid() {
        return bindAddress == null || isIpLiteral(bindAddress);
    }

    @AssertTrue(message = "every advertised address must be an IP address literal, not a wildcard")
    boolean isAdvertisedAddressesValid() {
        return advertisedAddresses.stream().allMatch(a -> isIpLiteral(a) && !isWildcard(a));
    }

    @AssertTrue(message = "must be at least one second")
    boolean isConsentTimeoutValid() {
        return consentTimeout == null || consentTimeout.compareTo(Duration.ofSeconds(1)) >= 0;
    }

    private static boolean isIpLiteral(String address) {
        if (address == null || !IP_LITERAL.matcher(address.trim()).matches()) {
            return false;
        }
        try {
            // a literal is parsed without any lookup
            InetAddress.getByName(address.trim());
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isWildcard(String address) {
        try {
            return InetAddress.getByName(address.trim()).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
