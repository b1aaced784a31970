package org.remotesupport.signaling.recording;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of session recording, bound from {@code remote-support.recording.*} and checked at start-up.
 *
 * @param enabled          whether agents may ask to record sessions (the customer is always asked first)
 * @param directory        where the relay writes recordings and the server reads them from; relative
 *                         paths are resolved against the working directory
 * @param retention        recordings that ended longer ago are deleted (media and index entry)
 * @param purgeInterval    how often expired recordings are looked for
 * @param queueCapacity    packets a recording may fall behind forwarding before packets are left out
 *                         (counted in {@code relay.recording.dropped{reason=queue_full}})
 * @param forceEachCluster force every finished part of a file (one to five seconds) to the disk, so a
 *                         power cut keeps it too, not only a crash of the server
 */
@Validated
@ConfigurationProperties("remote-support.recording")
public record RecordingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("data/recordings") @NotNull Path directory,
        @DefaultValue("90d") @NotNull @DurationMin(hours = 1) Duration retention,
        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration purgeInterval,
        @DefaultValue("8192") @Min(16) @Max(1_000_000) int queueCapacity,
        @DefaultValue("true") boolean forceEachCluster) {
}
