package org.remotesupport.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A real HTTP client (the JDK's) for the REST API of a running test server; JSON in, JSON out. */
public final class HttpTestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public HttpTestClient(int port) {
        this.port = port;
    }

    /** A response: its status, its body parsed as JSON (null when it is not JSON), and its headers. */
    public record Response(int status, JsonNode json, String text, String contentType, HttpHeaders headers) {

        public String field(String name) {
            return json == null || json.get(name) == null ? null : json.get(name).asText();
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path, Map<String, String> headers) {
        return send(builder(path, headers).GET());
    }

    public Response postJson(String path, Object body, Map<String, String> headers) {
        try {
            return send(builder(path, headers).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A PUT of a JSON body (an object, or a string sent as it is). */
    public Response putJson(String path, Object body, Map<String, String> headers) {
        try {
            return send(builder(path, headers).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A post of raw bytes with this content type. */
    public Response postBytes(String path, String contentType, byte[] body, Map<String, String> headers) {
        return send(builder(path, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A multipart/form-data post of text fields and, when {@code file} is not null, one file part. */
    public Response postMultipart(String path, Map<String, String> fields, String fileField, String fileName,
                                  String fileType, byte[] file) {
        String boundary = "----test" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        if (file != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: " + fileType + "\r\n\r\n");
            body.writeBytes(file);
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return send(builder(path, Map.of()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** The bearer header for a token. */
    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder builder(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = null;
            if (type.startsWith("application/json")) {
                json = JSON.readTree(text);
            }
            return new Response(response.statusCode(), json, text, type, response.headers());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
