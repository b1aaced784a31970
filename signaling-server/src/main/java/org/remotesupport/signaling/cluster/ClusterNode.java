package org.remotesupport.signaling.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** The identity of this signaling node among the nodes that share one store: a name, fixed for its lifetime. */
public record ClusterNode(String id) {

    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    public ClusterNode {
        Objects.requireNonNull(id, "id");
    }

    /** The configured id, or the host name with a random suffix so that a restarted node is a new node. */
    public static ClusterNode of(ClusterProperties properties, RandomGenerator random) {
        if (properties.nodeId() != null) {
            return new ClusterNode(properties.nodeId());
        }
        StringBuilder id = new StringBuilder(hostName()).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return new ClusterNode(id.toString());
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "");
            int dot = name.indexOf('.');
            name = dot > 0 ? name.substring(0, dot) : name;
            return name.isEmpty() ? "node" : name.substring(0, Math.min(name.length(), 40));
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
