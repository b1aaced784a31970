package org.remotesupport.signaling.journal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of what happens inside a session, under {@code remote-support.collaboration}: chat,
 * ticket notes and snapshots, and how long the journal of a session is kept. Validated at start-up.
 *
 * @param chatMaxLength     longest chat message or ticket note, in characters (default 1000)
 * @param chatHistory       how many chat messages a session keeps, and a joining member gets (default 200)
 * @param chatRateLimit     how many chat messages one participant may send per {@code chatRateWindow} (default 10)
 * @param chatRateWindow    the window of {@code chatRateLimit} (default 10 seconds)
 * @param maxNotes          how many ticket notes a session keeps (default 100)
 * @param maxSnapshotSize   largest snapshot an agent may upload (default 2 MB)
 * @param maxSnapshots      how many snapshots one session may hold (default 50)
 * @param maxEvents         how many timeline events (queued, offered, joined, left, frozen, unfrozen) a
 *                          session keeps, the newest (default 1000)
 * @param journalRetention  how long a session's chat, notes, snapshot list and outcome are kept after
 *                          its last change (default 30 days)
 */
@Validated
@ConfigurationProperties("remote-support.collaboration")
public record CollaborationProperties(
        @Min(1) @Max(10_000) @DefaultValue("1000") int chatMaxLength,
        @Min(1) @Max(10_000) @DefaultValue("200") int chatHistory,
        @Min(1) @Max(1000) @DefaultValue("10") int chatRateLimit,
        @NotNull @DurationMin(millis = 100) @DurationMax(hours = 1) @DefaultValue("10s") Duration chatRateWindow,
        @Min(1) @Max(10_000) @DefaultValue("100") int maxNotes,
        @NotNull @DefaultValue("2MB") DataSize maxSnapshotSize,
        @Min(1) @Max(1000) @DefaultValue("50") int maxSnapshots,
        @NotNull @DurationMin(minutes = 1) @DurationMax(days = 3650) @DefaultValue("30d") Duration journalRetention,
        @Min(10) @Max(100_000) @DefaultValue("1000") int maxEvents) {
}
