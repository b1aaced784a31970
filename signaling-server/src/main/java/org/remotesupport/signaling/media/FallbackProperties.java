package org.remotesupport.signaling.media;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the customer's uplink is judged too poor for video and good again, under
 * {@code remote-support.fallback}; validated at start-up. The relay reports each second what arrived
 * of the customer's video; the two thresholds are apart (and the waits differ) so that a link near
 * one of them does not make the pages flap between video and photos.
 *
 * @param enabled            whether the server switches customers to photos at all (default true)
 * @param engageBelowKbps    video received below this (kbit/s) counts as too poor (default 150)
 * @param engageLossPercent  video packets lost above this share (%) counts as too poor (default 10)
 * @param engageAfter        how long the link must stay too poor before photos replace video (default 3 s)
 * @param recoverAboveKbps   in photo mode, video received at or above this (kbit/s) counts as good
 *                           (default 250; must be above {@code engageBelowKbps})
 * @param recoverLossPercent in photo mode, loss at or below this (%) counts as good (default 3; must be
 *                           below {@code engageLossPercent})
 * @param recoverAfter       how long the link must stay good before video returns (default 5 s)
 */
@Validated
@ConfigurationProperties("remote-support.fallback")
public record FallbackProperties(
        @DefaultValue("true") boolean enabled,
        @Min(1) @Max(100_000) @DefaultValue("150") int engageBelowKbps,
        @DecimalMin("0.1") @DecimalMax("100") @DefaultValue("10") double engageLossPercent,
        @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) @DefaultValue("3s") Duration engageAfter,
        @Min(1) @Max(100_000) @DefaultValue("250") int recoverAboveKbps,
        @DecimalMin("0") @DecimalMax("100") @DefaultValue("3") double recoverLossPercent,
        @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) @DefaultValue("5s") Duration recoverAfter) {

    @AssertTrue(message = "recover-above-kbps must be above engage-below-kbps")
    boolean isBitrateHysteresisValid() {
        return recoverAboveKbps > engageBelowKbps;
    }

    @AssertTrue(message = "recover-loss-percent must be below engage-loss-percent")
    boolean isLossHysteresisValid() {
        return recoverLossPercent < engageLossPercent;
    }
}
