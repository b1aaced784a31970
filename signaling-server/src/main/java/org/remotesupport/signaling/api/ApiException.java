package org.remotesupport.signaling.api;

import java.time.Duration;

/**
 * A refused REST request: the HTTP status, a stable machine-readable code, a message for people and,
 * for a request refused for a while (429), when to try again.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Duration retryAfter;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** When the client may try again (the {@code Retry-After} header), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
