package org.remotesupport.annotation.access;

import java.time.Instant;

/**
 * Who a joining client is in a session: its participant id, its role and when the session started
 * (the origin of the exported timeline; null if the session has not started yet).
 */
public record Access(String participantId, AnnotationRole role, Instant sessionStart) {
}
