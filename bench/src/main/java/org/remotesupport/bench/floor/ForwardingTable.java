package org.remotesupport.bench.floor;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who forwards to whom in the floor forwarder: each member address maps to the array of the other
 * members of its session. Joins happen on the control thread and publish fresh arrays; the event
 * loop only reads. The forwarded count is written by the event loop alone.
 */
final class ForwardingTable {

    private final Map<String, InetSocketAddress[]> sessions = new HashMap<>();
    private final Map<InetSocketAddress, InetSocketAddress[]> peers = new ConcurrentHashMap<>();
    private volatile long forwarded;

    synchronized void join(String session, InetSocketAddress member) {
        InetSocketAddress[] before = sessions.getOrDefault(session, new InetSocketAddress[0]);
        InetSocketAddress[] members = Arrays.copyOf(before, before.length + 1);
        members[before.length] = member;
        sessions.put(session, members);
        for (InetSocketAddress address : members) {
            peers.put(address, Arrays.stream(members).filter(m -> !m.equals(address)).toArray(InetSocketAddress[]::new));
        }
    }

    /** The other members of the sender's session, or null for an unknown sender. */
    InetSocketAddress[] peersOf(InetSocketAddress sender) {
        return peers.get(sender);
    }

    void countForwarded() {
        // only the single event loop thread writes
        forwarded = forwarded + 1;
    }

    long forwarded() {
        return forwarded;
    }
}
