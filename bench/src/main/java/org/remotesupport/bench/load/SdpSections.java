package org.remotesupport.bench.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Just enough reading of a remote SDP for the load generator's answers and offers: the session
 * lines, each m-section's lines, and the transport attributes a client needs (ICE credentials, the
 * DTLS fingerprint and setup role, the first UDP candidate). Not a general SDP parser: the benchmark
 * talks to forwarders whose SDP shape it knows. Immutable.
 */
public final class SdpSections {

    /** One m-section: its {@code m=} line and the lines under it. */
    public record Media(String mLine, List<String> lines) {

        public String kind() {
            return mLine.substring(2, mLine.indexOf(' '));
        }

        /** The payload types listed on the m-line. */
        public List<String> formats() {
            String[] parts = mLine.split(" ");
            return List.of(parts).subList(3, parts.length);
        }

        public Optional<String> attribute(String name) {
            String prefix = "a=" + name + ":";
            return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst();
        }

        public boolean has(String flag) {
            return lines.contains("a=" + flag);
        }

        public String mid() {
            return attribute("mid").orElseThrow(() -> new IllegalArgumentException("m-section without a=mid"));
        }

        /** sendrecv, sendonly, recvonly or inactive (sendrecv when absent). */
        public String direction() {
            for (String d : List.of("sendrecv", "sendonly", "recvonly", "inactive")) {
                if (has(d)) {
                    return d;
                }
            }
            return "sendrecv";
        }

        /** The SSRCs of a=ssrc lines, in order, without repeats. */
        public List<Long> ssrcs() {
            return lines.stream().filter(l -> l.startsWith("a=ssrc:"))
                    .map(l -> Long.parseLong(l.substring(7, l.indexOf(' '))))
                    .distinct().toList();
        }
    }

    private final List<String> session;
    private final List<Media> media;

    private SdpSections(List<String> session, List<Media> media) {
        this.session = session;
        this.media = media;
    }

    public static SdpSections parse(String sdp) {
        List<String> session = new ArrayList<>();
        List<Media> media = new ArrayList<>();
        List<String> current = null;
        String mLine = null;
        for (String line : sdp.split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("m=")) {
                if (mLine != null) {
                    media.add(new Media(mLine, List.copyOf(current)));
                }
                mLine = line;
                current = new ArrayList<>();
            } else if (mLine == null) {
                session.add(line);
            } else {
                current.add(line);
            }
        }
        if (mLine != null) {
            media.add(new Media(mLine, List.copyOf(current)));
        }
        return new SdpSections(List.copyOf(session), List.copyOf(media));
    }

    public List<Media> media() {
        return media;
    }

    /** A transport attribute from the first m-section or the session level. */
    public String transport(String name) {
        String prefix = "a=" + name + ":";
        List<String> lines = new ArrayList<>(session);
        if (!media.isEmpty()) {
            lines.addAll(0, media.get(0).lines());
        }
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
                .findFirst().orElseThrow(() -> new IllegalArgumentException("SDP has no a=" + name));
    }

    public String iceUfrag() {
        return transport("ice-ufrag");
    }

    public String icePassword() {
        return transport("ice-pwd");
    }

    /** The SHA-256 fingerprint in SDP notation, without the hash name. */
    public String sha256Fingerprint() {
        String value = transport("fingerprint");
        if (!value.toLowerCase().startsWith("sha-256 ")) {
            throw new IllegalArgumentException("not a SHA-256 fingerprint: " + value);
        }
        return value.substring(8).trim();
    }

    /** The first IPv4 UDP candidate of the first m-section (bundle: one transport for all). */
    public InetSocketAddress firstUdpCandidate() {
        List<String> lines = new ArrayList<>(media.isEmpty() ? List.of() : media.get(0).lines());
        lines.addAll(session);
        for (String line : lines) {
            if (line.startsWith("a=candidate:")) {
                String[] parts = line.split(" ");
                if (parts[2].equalsIgnoreCase("udp") && parts[4].indexOf(':') < 0) {
                    return new InetSocketAddress(parts[4], Integer.parseInt(parts[5]));
                }
            }
        }
        throw new IllegalArgumentException("SDP has no IPv4 UDP candidate");
    }
}
