package org.remotesupport.signaling.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.remotesupport.signaling.identity.AccessTokens;
import org.remotesupport.signaling.identity.AccountRole;
import org.remotesupport.signaling.identity.Principal;
import org.remotesupport.signaling.identity.TokenException;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Who a REST request comes from: a staff member's bearer token ({@code Authorization: Bearer ...}) or
 * an integration's API key ({@code X-Api-Key}). Thread-safe.
 */
final class ApiAuthentication {

    /** The caller of a request: a staff member, or an integration (then {@code staff} is null). */
    record Caller(Principal.Staff staff) {

        /** Who to name as the creator of something: the username or {@code api-key}. */
        String name() {
            return staff == null ? "api-key" : staff.username();
        }
    }

    private final AccessTokens tokens;
    private final List<byte[]> apiKeys;

    ApiAuthentication(AccessTokens tokens, List<String> apiKeys) {
        this.tokens = tokens;
        this.apiKeys = apiKeys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /**
     * The caller, if it is an integration or a staff member of one of these roles.
     *
     * @throws ApiException 401 without valid credentials, 403 for another role
     */
    Caller require(ServerRequest request, AccountRole... roles) {
        return require(request, false, roles);
    }

    /**
     * Like {@link #require(ServerRequest, AccountRole...)}, but the token may also come as the query
     * parameter {@code access_token}: for media that a {@code <video>} element loads, which cannot send headers.
     */
    Caller requireAllowingQueryToken(ServerRequest request, AccountRole... roles) {
        return require(request, true, roles);
    }

    private Caller require(ServerRequest request, boolean allowQueryToken, AccountRole... roles) {
        Principal principal = identify(request, allowQueryToken);
        if (principal == null) {
            return new Caller(null);
        }
        if (principal instanceof Principal.Staff staff) {
            for (AccountRole role : roles) {
                if (staff.role() == role) {
                    return new Caller(staff);
                }
            }
        }
        throw new ApiException(403, "forbidden", "your role may not do this");
    }

    /**
     * Who sends the request: a staff member or a customer by its bearer token, or null for an
     * integration with a valid API key.
     *
     * @throws ApiException 401 without valid credentials
     */
    Principal identify(ServerRequest request) {
        return identify(request, false);
    }

    private Principal identify(ServerRequest request, boolean allowQueryToken) {
        String key = request.headers().firstHeader("X-Api-Key");
        if (key != null) {
            byte[] offered = key.getBytes(StandardCharsets.UTF_8);
            // constant-time comparison: response timing must not reveal how much of a key matched
            if (apiKeys.stream().anyMatch(k -> MessageDigest.isEqual(k, offered))) {
                return null;
            }
            throw new ApiException(401, "invalid_api_key", "the API key is not valid");
        }
        String authorization = request.headers().firstHeader("Authorization");
        String token;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        } else if (allowQueryToken && request.param("access_token").isPresent()) {
            token = request.param("access_token").get();
        } else {
            throw new ApiException(401, "unauthorized", "sign in and send Authorization: Bearer <token>, or send X-Api-Key");
        }
        try {
            return tokens.verify(token);
        } catch (TokenException e) {
            throw e.reason() == TokenException.Reason.EXPIRED
                    ? new ApiException(401, "token_expired", "your sign-in has expired; sign in again")
                    : new ApiException(401, "invalid_token", "the token is not valid");
        }
    }
}
