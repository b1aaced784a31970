package org.remotesupport.media.sdp;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The parts of a client's SDP answer the relay acts on: ICE credentials, the DTLS fingerprint
 * and role, and per m-line its mid, direction, chosen payload type and the SSRCs the client
 * sends, and the congestion feedback it agreed to: the transport-wide sequence number extension's id
 * (0 when refused), transport-cc feedback and REMB, and for simulcast the layers' rids and the id of the
 * rtp-stream-id extension that names them in packets. {@link #parse} enforces size limits and rejects
 * anything malformed with {@link SdpException}. Immutable.
 */
public record SdpAnswer(String iceUfrag, String icePassword, byte[] sha256Fingerprint, String setup, List<Line> lines,
                        int transportCcExtension, boolean transportCcFeedback, boolean rembFeedback,
                        int streamIdExtension) {

    /** Largest answer accepted, in characters. */
    public static final int MAX_LENGTH = 64 * 1024;
    private static final int MAX_MEDIA = 64;
    private static final int MAX_SSRCS_PER_LINE = 8;
    /** Simulcast layers accepted per m-line. */
    public static final int MAX_LAYERS = 3;
    private static final java.util.regex.Pattern RID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,16}");

    /**
     * One answered m-line. {@code ssrcs} are the primary SSRCs the client sends (FID repair streams
     * excluded); {@code sendRids} the simulcast layers it sends ({@code a=simulcast:send}), in the
     * answer's order, empty without simulcast.
     */
    public record Line(String mid, MediaKind kind, boolean rejected, Direction direction, List<Integer> payloadTypes,
                       List<Long> ssrcs, List<String> sendRids) {
        public Line {
            payloadTypes = List.copyOf(payloadTypes);
            ssrcs = List.copyOf(ssrcs);
            sendRids = List.copyOf(sendRids);
        }
    }

    /** A malformed or unacceptable answer; the message says what is wrong. */
    public static final class SdpException extends Exception {
        public SdpException(String message) {
            super(message);
        }
    }

    public SdpAnswer {
        sha256Fingerprint = sha256Fingerprint.clone();
        lines = List.copyOf(lines);
    }

    /** Parses an answer; session-level ICE and DTLS attributes apply to every m-line (BUNDLE). */
    public static SdpAnswer parse(String sdp) throws SdpException {
        if (sdp == null || sdp.isBlank()) {
            throw new SdpException("empty SDP");
        }
        if (sdp.length() > MAX_LENGTH) {
            throw new SdpException("SDP longer than " + MAX_LENGTH + " characters");
        }
        String ufrag = null;
        String password = null;
        byte[] fingerprint = null;
        String setup = null;
        int transportCcExtension = 0;
        boolean transportCcFeedback = false;
        boolean rembFeedback = false;
        int streamIdExtension = 0;
        List<Line> lines = new ArrayList<>();
        LineBuilder current = null;
        boolean sawVersion = false;
        for (String raw : sdp.split("\r?\n")) {
            if (raw.isEmpty()) {
                continue;
            }
            if (raw.length() < 2 || raw.charAt(1) != '=') {
                throw new SdpException("not an SDP line: " + abbreviate(raw));
            }
            char type = raw.charAt(0);
            String value = raw.substring(2);
            if (type == 'v') {
                sawVersion = true;
            } else if (type == 'm') {
                if (current != null) {
                    lines.add(current.build());
                }
                if (lines.size() >= MAX_MEDIA) {
                    throw new SdpException("more than " + MAX_MEDIA + " m-lines");
                }
                current = LineBuilder.fromMediaLine(value);
            } else if (type == 'a') {
                int colon = value.indexOf(':');
                String name = colon < 0 ? value : value.substring(0, colon);
                String arg = colon < 0 ? "" : value.substring(colon + 1).trim();
                switch (name) {
                    case "ice-ufrag" -> ufrag = arg;
                    case "ice-pwd" -> password = arg;
                    case "fingerprint" -> fingerprint = parseFingerprint(arg, fingerprint);
                    case "setup" -> setup = arg;
                    case "extmap" -> {
                        int id = extensionId(arg, OfferWriter.TRANSPORT_CC_URI);
                        if (id > 0 && transportCcExtension == 0) {
                            transportCcExtension = id;
                        }
                        int streamId = extensionId(arg, OfferWriter.STREAM_ID_URI);
                        if (streamId > 0 && streamIdExtension == 0) {
                            streamIdExtension = streamId;
                        }
                    }
                    case "rtcp-fb" -> {
                        String[] parts = arg.split(" +");
                        if (parts.length >= 2) {
                            transportCcFeedback |= parts[1].equals("transport-cc");
                            rembFeedback |= parts[1].equals("goog-remb");
                        }
                    }
                    case "mid" -> {
                        if (current != null) {
                            current.mid = arg;
                        }
                    }
                    case "sendrecv", "sendonly", "recvonly", "inactive" -> {
                        if (current != null) {
                            current.direction = Direction.fromAttribute(name);
                        }
                    }
                    case "ssrc" -> {
                        if (current != null) {
                            current.addSsrc(arg);
                        }
                    }
                    case "simulcast" -> {
                        if (current != null) {
                            current.simulcast(arg);
                        }
                    }
                    case "ssrc-group" -> {
                        if (current != null) {
                            current.addGroup(arg);
                        }
                    }
                    default -> {
                        // other attributes do not change what the relay forwards
                    }
                }
            }
        }
        if (current != null) {
            lines.add(current.build());
        }
        if (!sawVersion) {
            throw new SdpException("missing v= line");
        }
        if (ufrag == null || password == null) {
            throw new SdpException("missing ice-ufrag or ice-pwd");
        }
        if (ufrag.length() < 4 || ufrag.length() > 256 || password.length() < 22 || password.length() > 256) {
            throw new SdpException("ice-ufrag or ice-pwd has an invalid length");
        }
        if (fingerprint == null) {
            throw new SdpException("missing a=fingerprint:sha-256");
        }
        if (lines.isEmpty()) {
            throw new SdpException("no m-lines");
        }
        return new SdpAnswer(ufrag, password, fingerprint, setup, lines, transportCcExtension, transportCcFeedback,
                rembFeedback, streamIdExtension);
    }

    /** The id of an {@code a=extmap} value naming {@code uri}, or 0 (another extension, or malformed). */
    private static int extensionId(String arg, String uri) throws SdpException {
        String[] parts = arg.split(" +");
        if (parts.length < 2 || !parts[1].equals(uri)) {
            return 0;
        }
        String id = parts[0];
        int slash = id.indexOf('/');
        try {
            int value = Integer.parseInt(slash < 0 ? id : id.substring(0, slash));
            // one-byte headers carry ids 1-14, two-byte headers 1-255
            if (value < 1 || value > 255) {
                throw new SdpException("extmap id out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new SdpException("malformed extmap id");
        }
    }

    private static byte[] parseFingerprint(String arg, byte[] previous) throws SdpException {
        int space = arg.indexOf(' ');
        if (space < 0) {
            throw new SdpException("malformed a=fingerprint");
        }
        String algorithm = arg.substring(0, space).trim();
        if (!algorithm.equalsIgnoreCase("sha-256")) {
            // Browsers always include sha-256; other hashes may sit beside it.
            return previous;
        }
        try {
            byte[] digest = HexFormat.ofDelimiter(":").parseHex(arg.substring(space + 1).trim().toUpperCase());
            if (digest.length != 32) {
                throw new SdpException("sha-256 fingerprint is not 32 bytes");
            }
            return digest;
        } catch (IllegalArgumentException e) {
            throw new SdpException("malformed sha-256 fingerprint");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static final class LineBuilder {
        final MediaKind kind;
        final boolean rejected;
        final List<Integer> payloadTypes;
        String mid;
        Direction direction = Direction.SENDRECV;
        final List<Long> ssrcs = new ArrayList<>();
        final List<Long> repairSsrcs = new ArrayList<>();
        final List<String> sendRids = new ArrayList<>();

        private LineBuilder(MediaKind kind, boolean rejected, List<Integer> payloadTypes) {
            this.kind = kind;
            this.rejected = rejected;
            this.payloadTypes = payloadTypes;
        }

        static LineBuilder fromMediaLine(String value) throws SdpException {
            String[] parts = value.trim().split(" +");
            if (parts.length < 3) {
                throw new SdpException("malformed m-line");
            }
            boolean rejected;
            try {
                rejected = Integer.parseInt(parts[1].split("/")[0]) == 0;
            } catch (NumberFormatException e) {
                throw new SdpException("malformed m-line port");
            }
            List<Integer> payloadTypes = new ArrayList<>();
            for (int i = 3; i < parts.length; i++) {
                try {
                    int pt = Integer.parseInt(parts[i]);
                    if (pt < 0 || pt > 127) {
                        throw new SdpException("payload type out of range");
                    }
                    payloadTypes.add(pt);
                } catch (NumberFormatException e) {
                    // application lines carry format names, not payload types
                }
            }
            return new LineBuilder(MediaKind.fromSdp(parts[0]), rejected, payloadTypes);
        }

        void addSsrc(String arg) throws SdpException {
            int space = arg.indexOf(' ');
            long ssrc = parseSsrc(space < 0 ? arg : arg.substring(0, space));
            if (!ssrcs.contains(ssrc)) {
                if (ssrcs.size() >= MAX_SSRCS_PER_LINE) {
                    throw new SdpException("too many SSRCs in one m-line");
                }
                ssrcs.add(ssrc);
            }
        }

        /**
         * Takes {@code send q;h;f} (RFC 8853): the first alternative of each layer, paused ones
         * ({@code ~}) included since the client may resume them; a {@code recv} part is ignored.
         */
        void simulcast(String arg) throws SdpException {
            String[] parts = arg.trim().split(" +");
            for (int i = 0; i + 1 < parts.length; i += 2) {
                if (!parts[i].equals("send")) {
                    continue;
                }
                for (String layer : parts[i + 1].split(";")) {
                    String rid = layer.split(",")[0].trim();
                    if (rid.startsWith("~")) {
                        rid = rid.substring(1);
                    }
                    if (!RID.matcher(rid).matches()) {
                        throw new SdpException("malformed rid in a=simulcast");
                    }
                    if (sendRids.size() >= MAX_LAYERS) {
                        throw new SdpException("more than " + MAX_LAYERS + " simulcast layers");
                    }
                    if (!sendRids.contains(rid)) {
                        sendRids.add(rid);
                    }
                }
            }
        }

        void addGroup(String arg) throws SdpException {
            String[] parts = arg.trim().split(" +");
            // FID and FEC-FR groups name the media SSRC first and its repair stream(s) after it
            if (parts.length >= 3 && (parts[0].equals("FID") || parts[0].equals("FEC-FR"))) {
                for (int i = 2; i < parts.length; i++) {
                    repairSsrcs.add(parseSsrc(parts[i]));
                }
            }
        }

        Line build() throws SdpException {
            if (mid == null) {
                throw new SdpException("m-line without a=mid");
            }
            List<Long> primary = new ArrayList<>(ssrcs);
            primary.removeAll(repairSsrcs);
            return new Line(mid, kind, rejected, direction, payloadTypes, primary, sendRids);
        }

        private static long parseSsrc(String text) throws SdpException {
            try {
                long ssrc = Long.parseLong(text.trim());
                if (ssrc < 0 || ssrc > 0xFFFFFFFFL) {
                    throw new SdpException("SSRC out of range");
                }
                return ssrc;
            } catch (NumberFormatException e) {
                throw new SdpException("malformed SSRC");
            }
        }
    }
}
