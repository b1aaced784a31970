package org.remotesupport.signaling.entry;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The help page entry under {@code remote-support.entry}, validated at start-up.
 *
 * @param maxPhotoSize largest photo a customer may attach (default 5 MB, at most 20 MB); the servlet
 *                     container's multipart limits ({@code spring.servlet.multipart.*}) must allow it
 * @param photoDir     directory for attached photos; unset: photos are kept in memory
 * @param submissionsPerAddress help requests one client address may submit per window (default 30); more
 *                     are refused (HTTP 429) until the window closes
 * @param submissionWindow how long submissions are counted from the first one (default 10 minutes)
 */
@Validated
@ConfigurationProperties("remote-support.entry")
public record EntryProperties(@NotNull @DefaultValue("5MB") DataSize maxPhotoSize, Path photoDir,
                              @Min(1) @Max(1_000_000) @DefaultValue("30") int submissionsPerAddress,
                              @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1) @DefaultValue("10m")
                              Duration submissionWindow) {

    /** Largest allowed {@code maxPhotoSize}. */
    public static final DataSize MAX_PHOTO_SIZE = DataSize.ofMegabytes(20);

    @AssertTrue(message = "must be between 1KB and 20MB")
    public boolean isMaxPhotoSizeInRange() {
        return maxPhotoSize == null
                || (maxPhotoSize.toBytes() >= 1024 && maxPhotoSize.compareTo(MAX_PHOTO_SIZE) <= 0);
    }
}
