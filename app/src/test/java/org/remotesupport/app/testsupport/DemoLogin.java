package org.remotesupport.app.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Signs in to a running server as a person would, with {@code POST /api/auth/login}, and picks the
 * invite token out of a customer link. Blocks the calling thread for one HTTP round trip.
 */
public final class DemoLogin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoLogin() {
    }

    /** The staff token of an account of the server on this port on loopback. */
    public static String token(int port, String username, String password) {
        try {
            String body = JSON.writeValueAsString(java.util.Map.of("username", username, "password", password));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("sign-in of " + username + " failed: " + response.statusCode() + " "
                        + response.body());
            }
            JsonNode json = JSON.readTree(response.body());
            return json.get("token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("sign-in of " + username + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signing in", e);
        }
    }

    /** The invite token of a customer link {@code {base}/s/{token}}. */
    public static String inviteToken(String link) {
        return link.substring(link.lastIndexOf("/s/") + 3);
    }
}
