package org.remotesupport.signaling.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.MutableClock;
import org.remotesupport.signaling.SignalingTestApplication;
import org.remotesupport.signaling.invite.InviteService;
import org.remotesupport.signaling.ticket.TicketRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The invite link serves the web client's customer page (a stand-in from the test resources here)
 * while it can be used, and a page that says why not once it cannot.
 */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerLinkTest {

    @LocalServerPort
    int port;

    @Autowired
    InviteService invites;

    @Autowired
    MutableClock clock;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aUsableLinkForwardsToTheCustomerPageAndKeepsTheTokenInTheAddress() throws Exception {
        String token = newInvite();

        HttpResponse<String> response = get("/s/" + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("customer page stand-in");
        // a forward, not a redirect: the page reads the token from its own address
        assertThat(response.uri().getPath()).isEqualTo("/s/" + token);
        // opening the page does not use the link up
        assertThat(get("/s/" + token).statusCode()).isEqualTo(200);
    }

    @Test
    void aUsedLinkSaysSo() throws Exception {
        String token = newInvite();
        invites.redeem(token, "Carla");

        HttpResponse<String> response = get("/s/" + token);

        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("This link was already used").contains("ask for a new one");
    }

    @Test
    void anExpiredLinkSaysSo() throws Exception {
        String token = newInvite();
        clock.advance(Duration.ofMinutes(61));

        HttpResponse<String> response = get("/s/" + token);

        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.body()).contains("This link has expired");
    }

    @Test
    void aMalformedOrForgedLinkIsNotFound() throws Exception {
        String token = newInvite();
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThat(get("/s/ABCDE23456").statusCode()).isEqualTo(404);
        HttpResponse<String> response = get("/s/" + forged);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("This link is not valid");
    }

    @Test
    void otherPathsUnderSAreNotTheCustomerPage() throws Exception {
        assertThat(get("/s/" + newInvite() + "/more").statusCode()).isEqualTo(404);
        assertThat(get("/s/").statusCode()).isEqualTo(404);
    }

    private String newInvite() {
        TicketRequest ticket = new TicketRequest("A-1", null, null, null, null, null, null).validate(true);
        return invites.create(ticket, null, null, "test", invites.expiryFromNow()).token();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
