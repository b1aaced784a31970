package org.remotesupport.signaling.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.queue.QueueEntry;
import org.remotesupport.signaling.ticket.Severity;
import org.remotesupport.signaling.ticket.Tier;
import org.remotesupport.signaling.ticket.Ticket;

class PriorityPolicyTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    private final MatchingProperties properties = new MatchingProperties(Duration.ofSeconds(20), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofMinutes(10), Map.of("Printers", Duration.ofMinutes(2)), 1.0, null, null,
            0.25, 1.0, 0.5, 0.5, Duration.ofMinutes(5), 50, 50);
    private final PriorityPolicy policy = new PriorityPolicy(properties);

    @Test
    void waitingTimeCountsAgainstTheCategorysSla() {
        // a minute of a two-minute SLA weighs as much as five minutes of a ten-minute one
        assertThat(policy.priority(entry("printers", Tier.STANDARD, Severity.NORMAL, false, 60), NOW))
                .isCloseTo(0.5, within(1e-9));
        assertThat(policy.priority(entry("laptops", Tier.STANDARD, Severity.NORMAL, false, 300), NOW))
                .isCloseTo(0.5, within(1e-9));
    }

    @Test
    void tierSeverityAndRepeatContactAddTheirWeights() {
        assertThat(policy.priority(entry("laptops", Tier.VIP, Severity.NORMAL, false, 0), NOW)).isEqualTo(0.5);
        assertThat(policy.priority(entry("laptops", Tier.STANDARD, Severity.CRITICAL, false, 0), NOW)).isEqualTo(0.6);
        assertThat(policy.priority(entry("laptops", Tier.STANDARD, Severity.LOW, false, 0), NOW)).isEqualTo(-0.2);
        assertThat(policy.priority(entry("laptops", Tier.STANDARD, Severity.NORMAL, true, 0), NOW)).isEqualTo(0.25);
    }

    @Test
    void theQueueIsOrderedMostUrgentFirstThenByArrival() {
        QueueEntry early = entry("laptops", Tier.STANDARD, Severity.NORMAL, false, 120);
        QueueEntry vip = entry("laptops", Tier.VIP, Severity.NORMAL, false, 10);
        QueueEntry overdue = entry("printers", Tier.STANDARD, Severity.NORMAL, false, 150);
        QueueEntry critical = entry("laptops", Tier.STANDARD, Severity.HIGH, false, 30);
        QueueEntry late = entry("laptops", Tier.STANDARD, Severity.NORMAL, false, 60);

        List<QueueEntry> queue = new ArrayList<>(List.of(late, critical, early, overdue, vip));
        queue.sort(policy.highestFirst(NOW));
        // overdue 1.25, vip 0.517, critical 0.35, early 0.2, late 0.1
        assertThat(queue).containsExactly(overdue, vip, critical, early, late);
    }

    private static int tickets;

    static QueueEntry entry(String category, Tier tier, Severity severity, boolean repeat, long waitedSeconds) {
        Ticket ticket = new Ticket("t" + (++tickets), "A-" + tickets, "", category, "en", tier, severity, "", null,
                null, NOW);
        return new QueueEntry(ticket, "p" + tickets, "Customer " + tickets, NOW.minusSeconds(waitedSeconds), true,
                null, Set.of(), repeat, null);
    }
}
