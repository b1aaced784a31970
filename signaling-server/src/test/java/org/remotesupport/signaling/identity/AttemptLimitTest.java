package org.remotesupport.signaling.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.HttpTestClient;
import org.remotesupport.signaling.MutableClock;
import org.remotesupport.signaling.SignalingTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sign-in and the help page refuse floods over real HTTP: past the failed sign-ins allowed for a
 * username or from an address, and past the help requests allowed from an address, the answer is
 * 429 with {@code Retry-After} and a JSON error, until the window closes. Every test starts in fresh
 * windows: the test clock jumps past the last one.
 */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"remote-support.identity.bcrypt-strength=4",
                "remote-support.identity.failed-sign-ins-per-username=3",
                "remote-support.identity.failed-sign-ins-per-address=5",
                "remote-support.identity.failed-sign-in-window=2m",
                "remote-support.entry.submissions-per-address=2",
                "remote-support.entry.submission-window=1m"})
class AttemptLimitTest {

    private static final Map<String, String> HELP = Map.of("language", "en", "category", "e-bikes",
            "orderNumber", "B-2001", "description", "the motor stops");

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    HttpTestClient http;

    @BeforeEach
    void freshWindows() {
        clock.advance(Duration.ofMinutes(3));
        http = new HttpTestClient(port);
    }

    private HttpTestClient.Response signIn(String username, String password) {
        return http.postJson("/api/auth/login", Map.of("username", username, "password", password), Map.of());
    }

    @Test
    void afterTooManyWrongPasswordsForOneUsernameEvenTheRightOneWaitsForTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("ana", "guess-" + i).status()).isEqualTo(401);
        }

        HttpTestClient.Response refused = signIn("ana", "ana-demo");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.field("error")).isEqualTo("rate_limited");
        assertThat(refused.field("message")).contains("this username", "120 seconds");
        assertThat(refused.header("Retry-After")).isEqualTo("120");
        // another account is not locked by Ana's attempts
        assertThat(signIn("li", "li-demo").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(90));
        assertThat(signIn("ana", "ana-demo").header("Retry-After")).isEqualTo("30");
        clock.advance(Duration.ofSeconds(31));
        assertThat(signIn("ana", "ana-demo").status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulSignInClearsTheUsernamesFailures() {
        assertThat(signIn("ana", "wrong").status()).isEqualTo(401);
        assertThat(signIn("ana", "wrong").status()).isEqualTo(401);
        assertThat(signIn("ana", "ana-demo").status()).isEqualTo(200);
        assertThat(signIn("ana", "wrong").status()).isEqualTo(401);
        assertThat(signIn("ana", "wrong").status()).isEqualTo(401);
        assertThat(signIn("ana", "ana-demo").status()).isEqualTo(200);
    }

    @Test
    void tooManyFailuresFromOneAddressStopEveryUsernameFromIt() {
        // guessing across usernames: each one stays under its own limit, the address does not
        for (String user : new String[] {"ana", "li", "sam", "tia", "nobody"}) {
            assertThat(signIn(user, "wrong").status()).isEqualTo(401);
        }

        HttpTestClient.Response refused = signIn("admin", "admin-demo");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.field("message")).contains("this address");
        assertThat(refused.header("Retry-After")).isEqualTo("120");
    }

    @Test
    void theHelpPageTakesALimitedNumberOfRequestsFromOneAddress() {
        assertThat(http.postMultipart("/api/entry/help", HELP, null, null, null, null).status()).isEqualTo(201);
        assertThat(http.postMultipart("/api/entry/help", HELP, null, null, null, null).status()).isEqualTo(201);

        HttpTestClient.Response refused = http.postMultipart("/api/entry/help", HELP, null, null, null, null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.field("error")).isEqualTo("rate_limited");
        assertThat(refused.field("message")).contains("help requests", "60 seconds");
        assertThat(refused.header("Retry-After")).isEqualTo("60");

        clock.advance(Duration.ofSeconds(61));
        HttpTestClient.Response again = http.postMultipart("/api/entry/help", HELP, null, null, null, null);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.field("token")).isNotBlank();
    }
}
