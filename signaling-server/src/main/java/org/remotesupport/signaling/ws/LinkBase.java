package org.remotesupport.signaling.ws;

import java.net.URI;

/**
 * The start of customer links ({@code {base}/s/{code}}): the configured public URL, or else the
 * scheme, host, port and context path that the agent's own WebSocket request came in on.
 */
final class LinkBase {

    private static final String ENDPOINT = "/ws";

    private LinkBase() {
    }

    static String of(URI publicBaseUrl) {
        return stripTrailingSlash(publicBaseUrl.toString());
    }

    static String fromRequest(URI request) {
        String scheme = switch (request.getScheme()) {
            case "wss", "https" -> "https";
            default -> "http";
        };
        String path = request.getRawPath() == null ? "" : request.getRawPath();
        // keep a servlet context path: /support/ws links to /support/s/{code}
        String prefix = path.endsWith(ENDPOINT) ? path.substring(0, path.length() - ENDPOINT.length()) : "";
        String port = request.getPort() < 0 ? "" : ":" + request.getPort();
        return stripTrailingSlash(scheme + "://" + request.getHost() + port + prefix);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
