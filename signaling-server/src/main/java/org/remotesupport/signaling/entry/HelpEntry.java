package org.remotesupport.signaling.entry;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.remotesupport.signaling.identity.AccessTokens;
import org.remotesupport.signaling.identity.AttemptCounter;
import org.remotesupport.signaling.identity.TokenSigner;
import org.remotesupport.signaling.ticket.Ticket;
import org.remotesupport.signaling.ticket.TicketRequest;
import org.remotesupport.signaling.ticket.TicketStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The help page's entry, {@code POST /api/entry/help}: a customer without a link gives language,
 * product category, order number, a short description and optionally a photo (multipart form); the
 * server checks every field and the photo's size and type (by content), stores the photo, records a
 * ticket and answers with the customer's token for that ticket. No account is needed, so submissions
 * are limited per client address (HTTP 429 with {@code Retry-After} past the limit). Servlet threads.
 */
public final class HelpEntry {

    private static final Set<String> FIELDS = Set.of("language", "category", "orderNumber", "description", "name",
            "photo");
    private static final int MAX_FIELD_BYTES = 4096;
    private static final int MAX_NAME_LENGTH = 64;

    private final TicketStore tickets;
    private final PhotoStore photos;
    private final AccessTokens tokens;
    private final TokenSigner signer;
    private final long maxPhotoBytes;
    private final AttemptCounter attempts;
    private final int submissionsPerAddress;
    private final Duration submissionWindow;
    private final Clock clock;

    /**
     * @param submissionsPerAddress help requests one client address may submit per {@code submissionWindow}
     */
    public HelpEntry(TicketStore tickets, PhotoStore photos, AccessTokens tokens, TokenSigner signer,
                     long maxPhotoBytes, AttemptCounter attempts, int submissionsPerAddress,
                     Duration submissionWindow, Clock clock) {
        this.tickets = tickets;
        this.photos = photos;
        this.tokens = tokens;
        this.signer = signer;
        this.maxPhotoBytes = maxPhotoBytes;
        this.attempts = attempts;
        this.submissionsPerAddress = submissionsPerAddress;
        this.submissionWindow = submissionWindow;
        this.clock = clock;
    }

    /** The route, to register as a bean. */
    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route().POST("/api/entry/help", this::enter).build();
    }

    /** A refused help request: the HTTP status, a stable code and a message for the customer. */
    static final class Refusal extends Exception {

        final int status;
        final String code;
        final long retryAfterSeconds;

        Refusal(int status, String code, String message) {
            this(status, code, message, 0);
        }

        Refusal(int status, String code, String message, long retryAfterSeconds) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    ServerResponse enter(ServerRequest request) {
        try {
            // counted before the form is read: a flood costs the server as little as possible
            limit(request.servletRequest().getRemoteAddr());
            return ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                    .body(accept(request));
        } catch (Refusal refusal) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", refusal.code);
            body.put("message", refusal.getMessage());
            ServerResponse.BodyBuilder response = ServerResponse.status(refusal.status)
                    .contentType(MediaType.APPLICATION_JSON);
            if (refusal.retryAfterSeconds > 0) {
                response.header(HttpHeaders.RETRY_AFTER, String.valueOf(refusal.retryAfterSeconds));
            }
            return response.body(body);
        }
    }

    private void limit(String address) throws Refusal {
        AttemptCounter.Window window = attempts.record("help:address:" + address, submissionWindow);
        if (window.attempts() > submissionsPerAddress) {
            long seconds = Math.max(1, (Duration.between(clock.instant(), window.endsAt()).toMillis() + 999) / 1000);
            throw new Refusal(429, "rate_limited", "too many help requests from this address; try again in "
                    + seconds + " seconds", seconds);
        }
    }

    private Map<String, Object> accept(ServerRequest request) throws Refusal {
        MultiValueMap<String, Part> form;
        try {
            form = request.multipartData();
        } catch (MultipartException e) {
            // the container's own limit (spring.servlet.multipart.*) was hit before ours
            throw tooLarge();
        } catch (IOException | ServletException | RuntimeException e) {
            throw new Refusal(400, "invalid_request", "send the form as multipart/form-data");
        }
        for (String field : form.keySet()) {
            if (!FIELDS.contains(field) || form.get(field).size() > 1) {
                throw new Refusal(400, "invalid_field", "unexpected or repeated field " + abbreviate(field));
            }
        }
        TicketRequest ticket;
        try {
            ticket = new TicketRequest(text(form, "orderNumber"), null, text(form, "category"), text(form, "language"),
                    null, null, text(form, "description")).validate(true);
        } catch (TicketRequest.InvalidTicketException e) {
            throw new Refusal(400, "invalid_field", e.getMessage());
        }
        if (form.getFirst("category") == null || form.getFirst("language") == null) {
            throw new Refusal(400, "invalid_field", "language and category are required");
        }
        String name = text(form, "name").strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new Refusal(400, "invalid_field", "name must have at most " + MAX_NAME_LENGTH + " characters");
        }
        String photoRef = photo(form.getFirst("photo"));
        Ticket recorded = record(ticket, photoRef);
        AccessTokens.Issued issued = tokens.issueCustomer(name.isEmpty() ? "Customer" : name, recorded.id(), null);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("token", issued.token());
        response.put("expiresAt", issued.expiresAt().toEpochMilli());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", recorded.id());
        view.put("orderNumber", recorded.orderNumber());
        view.put("category", recorded.category());
        view.put("language", recorded.language());
        view.put("description", recorded.description());
        view.put("hasPhoto", photoRef != null);
        response.put("ticket", view);
        return response;
    }

    /** Checks and stores the photo; null when none was attached. */
    private String photo(Part part) throws Refusal {
        if (part == null || part.getSize() == 0) {
            return null;
        }
        if (part.getSize() > maxPhotoBytes) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes((int) maxPhotoBytes + 1);
        } catch (IOException e) {
            throw new Refusal(400, "invalid_request", "the photo could not be read");
        }
        if (bytes.length > maxPhotoBytes) {
            throw tooLarge();
        }
        PhotoType type = PhotoType.sniff(bytes).orElseThrow(() -> new Refusal(415, "unsupported_photo_type",
                "the photo must be a JPEG, PNG, WebP or HEIC image"));
        return photos.store(new PhotoStore.Photo(bytes, type.mediaType()));
    }

    private Ticket record(TicketRequest request, String photoRef) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Ticket ticket = request.toTicket(signer.newId(), photoRef, null, signer.now());
            if (tickets.create(ticket)) {
                return ticket;
            }
        }
        // three collisions of 103-bit random ids means the random source is broken
        throw new IllegalStateException("no free ticket id");
    }

    private Refusal tooLarge() {
        return new Refusal(413, "photo_too_large",
                "the photo is too large: at most " + maxPhotoBytes / (1024 * 1024) + " MB");
    }

    private static String text(MultiValueMap<String, Part> form, String field) throws Refusal {
        Part part = form.getFirst(field);
        if (part == null) {
            return "";
        }
        if (part.getSubmittedFileName() != null || part.getSize() > MAX_FIELD_BYTES) {
            throw new Refusal(400, "invalid_field", field + " must be a short text field");
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(MAX_FIELD_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Refusal(400, "invalid_request", field + " could not be read");
        }
    }

    private static String abbreviate(String field) {
        return field.length() > 32 ? field.substring(0, 32) + "…" : field;
    }

    /** For tests: the accepted field names. */
    static List<String> fields() {
        return List.copyOf(FIELDS);
    }
}
