package org.remotesupport.signaling;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the signaling server under {@code remote-support.signaling}, bound from configuration
 * and environment variables and validated once at start-up; a bad value stops the application.
 *
 * @param publicBaseUrl        where customers reach this server, e.g. {@code https://support.example.com};
 *                             invite links are {@code {publicBaseUrl}/s/{token}}. Unset: the scheme, host
 *                             and port of the agent's own WebSocket request
 * @param inviteTtl            how long an invite link stays usable (default 60 minutes)
 * @param maxMessageSize       largest text frame a client may send, in UTF-8 bytes (default 64 KB)
 * @param maxSessionsPerAgent  how many sessions one agent connection may hold at once (default 4)
 * @param idleTimeout          how long a connection may send nothing before the server closes it;
 *                             clients keep it open with {@code ping} (default 60 seconds)
 * @param resumeGrace          how long a participant whose connection dropped (anything but a normal
 *                             close) keeps its place in sessions, the queue and presence, for a new
 *                             connection to resume it (default 60 seconds)
 */
@Validated
@ConfigurationProperties("remote-support.signaling")
public record SignalingProperties(
        URI publicBaseUrl,
        @NotNull @DurationMin(seconds = 10) @DurationMax(days = 7) @DefaultValue("60m") Duration inviteTtl,
        @NotNull @DefaultValue("64KB") DataSize maxMessageSize,
        @Min(1) @Max(100) @DefaultValue("4") int maxSessionsPerAgent,
        @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1) @DefaultValue("60s") Duration idleTimeout,
        @NotNull @DurationMin(millis = 100) @DurationMax(hours = 1) @DefaultValue("60s") Duration resumeGrace) {

    /** Smallest allowed {@code maxMessageSize}: an answer with an SDP of the largest allowed size must fit. */
    public static final DataSize MIN_MESSAGE_SIZE = DataSize.ofKilobytes(40);
    /** Largest allowed {@code maxMessageSize}: every connection may buffer this much. */
    public static final DataSize MAX_MESSAGE_SIZE = DataSize.ofMegabytes(1);

    @AssertTrue(message = "must be between 40KB and 1MB")
    public boolean isMaxMessageSizeInRange() {
        return maxMessageSize == null
                || (maxMessageSize.compareTo(MIN_MESSAGE_SIZE) >= 0 && maxMessageSize.compareTo(MAX_MESSAGE_SIZE) <= 0);
    }

    @AssertTrue(message = "must be an absolute http or https URL without query or fragment")
    public boolean isPublicBaseUrlValid() {
        return publicBaseUrl == null
                || (publicBaseUrl.isAbsolute()
                && ("http".equals(publicBaseUrl.getScheme()) || "https".equals(publicBaseUrl.getScheme()))
                && publicBaseUrl.getHost() != null
                && publicBaseUrl.getRawQuery() == null
                && publicBaseUrl.getRawFragment() == null);
    }
}
