package org.remotesupport.signaling.matching;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the queue and the matching engine under {@code remote-support.matching}, bound from
 * configuration and environment variables and validated once at start-up.
 *
 * <p>A waiting customer's priority is
 * {@code waiting * (time waited / SLA of its category) + tier[tier] + severity[severity] + repeatContact},
 * so a customer who has waited its whole SLA gains {@code waiting} points; the customer with the
 * highest priority is offered first. Among the agents who speak the customer's language (a hard
 * constraint), the one with the highest
 * {@code skill (if skilled in the category) + previousAgent (if it served the customer before) - load * sessions/capacity}
 * is offered the customer; ties go to the agent idle longest.
 *
 * @param ringTimeout         how long an offer rings at an agent before the next agent is tried (default 20 s)
 * @param sweepInterval       how often each node looks for offers that rang out, presences whose
 *                            heartbeat stopped and customers no event matched (default 1 s)
 * @param statusInterval      at most how often a customer's position and an agent's queue view are
 *                            pushed (default 1 s)
 * @param defaultSla          the target wait of categories without their own (default 5 minutes)
 * @param sla                 target wait per category (lower case), e.g. {@code coffee-machines: 2m}
 * @param waitingWeight       priority points for having waited one SLA (default 1.0)
 * @param tierWeights         priority points per customer tier (default {@code vip: 0.5})
 * @param severityWeights     priority points per ticket severity (default {@code low: -0.2, high: 0.3, critical: 0.6})
 * @param repeatContactWeight priority points for a customer who contacted support before (default 0.25)
 * @param skillWeight         agent preference points for being skilled in the customer's category (default 1.0)
 * @param previousAgentWeight agent preference points for having served the customer before (default 0.5)
 * @param loadWeight          agent preference points taken off for a full load (default 0.5)
 * @param defaultHandlingTime assumed length of a session while none has finished yet (default 5 minutes)
 * @param handlingTimeSamples how many recent sessions the wait estimate averages (default 50)
 * @param queueViewSize       how many of the most urgent waiting customers an agent sees (default 50)
 */
@Validated
@ConfigurationProperties("remote-support.matching")
public record MatchingProperties(
        @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 10) @DefaultValue("20s") Duration ringTimeout,
        @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 1) @DefaultValue("1s") Duration sweepInterval,
        @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 1) @DefaultValue("1s") Duration statusInterval,
        @NotNull @DurationMin(seconds = 1) @DurationMax(days = 7) @DefaultValue("5m") Duration defaultSla,
        Map<String, Duration> sla,
        @DecimalMin("0") @DecimalMax("1000") @DefaultValue("1.0") double waitingWeight,
        Map<String, Double> tierWeights,
        Map<String, Double> severityWeights,
        @DecimalMin("-1000") @DecimalMax("1000") @DefaultValue("0.25") double repeatContactWeight,
        @DecimalMin("-1000") @DecimalMax("1000") @DefaultValue("1.0") double skillWeight,
        @DecimalMin("-1000") @DecimalMax("1000") @DefaultValue("0.5") double previousAgentWeight,
        @DecimalMin("-1000") @DecimalMax("1000") @DefaultValue("0.5") double loadWeight,
        @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1) @DefaultValue("5m") Duration defaultHandlingTime,
        @Min(1) @Max(1000) @DefaultValue("50") int handlingTimeSamples,
        @Min(1) @Max(1000) @DefaultValue("50") int queueViewSize) {

    public MatchingProperties {
        sla = lowerCaseKeys(sla == null ? Map.of() : sla);
        tierWeights = lowerCaseKeys(tierWeights == null ? Map.of("vip", 0.5) : tierWeights);
        severityWeights = lowerCaseKeys(severityWeights == null
                ? Map.of("low", -0.2, "high", 0.3, "critical", 0.6) : severityWeights);
    }

    /** The defaults, as the sample configuration lists them. */
    public static MatchingProperties defaults() {
        return new MatchingProperties(Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofMinutes(5), null, 1.0, null, null, 0.25, 1.0, 0.5, 0.5, Duration.ofMinutes(5), 50, 50);
    }

    /** The target wait of a category. */
    public Duration slaOf(String category) {
        return sla.getOrDefault(category, defaultSla);
    }

    @AssertTrue(message = "every SLA must be at least 1 second")
    public boolean isSlaValid() {
        return sla.values().stream().allMatch(d -> d != null && d.compareTo(Duration.ofSeconds(1)) >= 0);
    }

    @AssertTrue(message = "weights must be finite numbers between -1000 and 1000")
    public boolean isWeightsValid() {
        return tierWeights.values().stream().allMatch(MatchingProperties::sane)
                && severityWeights.values().stream().allMatch(MatchingProperties::sane);
    }

    private static boolean sane(Double weight) {
        return weight != null && Double.isFinite(weight) && Math.abs(weight) <= 1000;
    }

    private static <V> Map<String, V> lowerCaseKeys(Map<String, V> map) {
        return map.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    }
}
