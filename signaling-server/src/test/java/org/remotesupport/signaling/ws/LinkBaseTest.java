package org.remotesupport.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LinkBaseTest {

    @Test
    void theRequestsSchemeHostAndPortAreUsed() {
        assertThat(LinkBase.fromRequest(URI.create("http://localhost:8080/ws"))).isEqualTo("http://localhost:8080");
        assertThat(LinkBase.fromRequest(URI.create("ws://10.0.0.5:8080/ws"))).isEqualTo("http://10.0.0.5:8080");
        assertThat(LinkBase.fromRequest(URI.create("https://support.example.com/ws"))).isEqualTo("https://support.example.com");
        assertThat(LinkBase.fromRequest(URI.create("wss://support.example.com/ws"))).isEqualTo("https://support.example.com");
        assertThat(LinkBase.fromRequest(URI.create("https://[::1]:8443/ws"))).isEqualTo("https://[::1]:8443");
    }

    @Test
    void aContextPathIsKept() {
        assertThat(LinkBase.fromRequest(URI.create("https://example.com/support/ws"))).isEqualTo("https://example.com/support");
    }

    @Test
    void aConfiguredUrlLosesItsTrailingSlash() {
        assertThat(LinkBase.of(URI.create("https://example.com/help/"))).isEqualTo("https://example.com/help");
        assertThat(LinkBase.of(URI.create("https://example.com"))).isEqualTo("https://example.com");
    }
}
