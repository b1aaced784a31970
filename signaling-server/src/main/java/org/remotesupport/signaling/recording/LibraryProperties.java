package org.remotesupport.signaling.recording;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the training library's tags and notes, bound from {@code remote-support.recording.library.*}
 * and checked at start-up.
 *
 * @param maxTags       tags one recording may carry
 * @param maxTagLength  characters in one tag
 * @param maxNotes      notes one recording may hold
 * @param maxNoteLength characters in one note
 */
@Validated
@ConfigurationProperties("remote-support.recording.library")
public record LibraryProperties(
        @DefaultValue("20") @Min(1) @Max(200) int maxTags,
        @DefaultValue("40") @Min(2) @Max(200) int maxTagLength,
        @DefaultValue("100") @Min(1) @Max(10_000) int maxNotes,
        @DefaultValue("2000") @Min(10) @Max(10_000) int maxNoteLength) {
}
