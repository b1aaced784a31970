package org.remotesupport.signaling.queue;

import java.time.Instant;

/** What {@link ContactHistory} remembers of a customer: the agent who served it last, when, and how often it came. */
public record Contact(String customerRef, String lastAgentId, Instant lastAt, int count) {
}
