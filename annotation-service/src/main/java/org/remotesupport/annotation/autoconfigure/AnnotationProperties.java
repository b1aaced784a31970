package org.remotesupport.annotation.autoconfigure;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.remotesupport.annotation.sync.AnnotationLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The annotation service's settings under {@code remote-support.annotations}, bound and validated
 * once at start-up; the op log goes to Redis when {@code remote-support.redis.uri} is set.
 *
 * @param opsPerSecond      ops one connection may push per second
 * @param pointersPerSecond pointer moves one connection may send per second
 * @param pointsPerStroke   most points one markup may reach
 * @param textLength        most characters in a text label
 * @param markupsPerSession most markups one session may hold
 * @param maxMessageSize    largest text frame a client may send
 * @param resyncOps         most ops replayed to a client that (re)joins; further behind it gets a snapshot
 */
@Validated
@ConfigurationProperties("remote-support.annotations")
public record AnnotationProperties(
        @Min(1) @Max(1000) @DefaultValue("40") int opsPerSecond,
        @Min(1) @Max(1000) @DefaultValue("60") int pointersPerSecond,
        @Min(2) @Max(100_000) @DefaultValue("2000") int pointsPerStroke,
        @Min(1) @Max(10_000) @DefaultValue("200") int textLength,
        @Min(1) @Max(100_000) @DefaultValue("500") int markupsPerSession,
        @NotNull @DefaultValue("16KB") DataSize maxMessageSize,
        @Min(1) @Max(1_000_000) @DefaultValue("1000") int resyncOps) {

    /** These settings as the service's limits. */
    public AnnotationLimits limits() {
        return new AnnotationLimits(opsPerSecond, pointersPerSecond, pointsPerStroke, textLength, markupsPerSession,
                (int) Math.min(Integer.MAX_VALUE, maxMessageSize.toBytes()), resyncOps);
    }
}
