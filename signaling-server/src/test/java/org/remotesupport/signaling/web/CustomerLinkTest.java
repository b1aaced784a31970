package org.remotesupport.signaling.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.SignalingTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The customer link serves the web client's customer page (a stand-in from the test resources here). */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerLinkTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theLinkForwardsToTheCustomerPageAndKeepsTheCodeInTheAddress() throws Exception {
        HttpResponse<String> response = get("/s/ABCDE23456");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("customer page stand-in");
        // a forward, not a redirect: the page reads the code from its own address
        assertThat(response.uri().getPath()).isEqualTo("/s/ABCDE23456");
    }

    @Test
    void otherPathsUnderSAreNotTheCustomerPage() throws Exception {
        assertThat(get("/s/ABCDE23456/more").statusCode()).isEqualTo(404);
        assertThat(get("/s/").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
