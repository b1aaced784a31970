package org.remotesupport.signaling.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Reads JSON request bodies with a size limit (the servlet container limits only form posts) and
 * works out the base of links from the request when no public URL is configured. Stateless.
 */
final class ApiRequests {

    /** Largest JSON body accepted. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ApiRequests() {
    }

    static <T> T body(ServerRequest request, Class<T> type) {
        byte[] bytes;
        try (InputStream in = request.servletRequest().getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new ApiException(400, "invalid_request", "the request body could not be read");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "body_too_large", "the request body must be at most " + MAX_BODY_BYTES + " bytes");
        }
        try {
            T value = JSON.readValue(bytes, type);
            if (value == null) {
                throw new ApiException(400, "invalid_request", "the body must be a JSON object");
            }
            return value;
        } catch (IOException e) {
            throw new ApiException(400, "invalid_request", "the body must be a JSON object with the documented fields");
        }
    }

    /** A binary body of at most {@code max} bytes, read no further than one byte past the limit. */
    static byte[] bytes(ServerRequest request, long max) {
        long declared = request.servletRequest().getContentLengthLong();
        if (declared > max) {
            throw new ApiException(413, "too_large", "the request body must be at most " + max + " bytes");
        }
        byte[] bytes;
        try (InputStream in = request.servletRequest().getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            throw new ApiException(400, "invalid_request", "the request body could not be read");
        }
        if (bytes.length > max) {
            throw new ApiException(413, "too_large", "the request body must be at most " + max + " bytes");
        }
        return bytes;
    }

    /** {@code publicBaseUrl} without a trailing slash, or else the scheme, host, port and context path of the request. */
    static String linkBase(URI publicBaseUrl, ServerRequest request) {
        String base;
        if (publicBaseUrl != null) {
            base = publicBaseUrl.toString();
        } else {
            URI uri = request.uri();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            base = uri.getScheme() + "://" + uri.getHost() + port + request.servletRequest().getContextPath();
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
