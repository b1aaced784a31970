package org.remotesupport.signaling.cluster;

import java.time.Clock;

/** The directory contract against the in-memory directory, two nodes sharing its tables. */
class InMemoryParticipantDirectoryTest extends ParticipantDirectoryContract {

    private InMemoryParticipantDirectory first;

    @Override
    protected ParticipantDirectory directoryOf(ClusterNode node) {
        if (first == null) {
            first = new InMemoryParticipantDirectory(node, Clock.systemUTC(), TIMEOUT);
            return first;
        }
        return first.joining(node);
    }
}
