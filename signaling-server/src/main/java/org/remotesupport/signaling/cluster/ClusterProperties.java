package org.remotesupport.signaling.cluster;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this signaling node takes part in a cluster, under {@code remote-support.cluster}; bound and
 * validated once at start-up. Only matters when the nodes share Redis ({@code remote-support.redis.uri}).
 *
 * @param nodeId            this node's name in the shared store, unique among the nodes; unset: the host
 *                          name followed by a random suffix, new at every start
 * @param heartbeatInterval how often the node renews its entry and those of its connected participants
 *                          (default 5 seconds)
 * @param nodeTimeout       how long those entries live without renewal: after a crash, messages for its
 *                          participants stop being routed to it after at most this long (default 15
 *                          seconds; at least twice the heartbeat interval)
 */
@Validated
@ConfigurationProperties("remote-support.cluster")
public record ClusterProperties(
        @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1 to 64 letters, digits, dots, dashes or underscores")
        String nodeId,
        @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) @DefaultValue("5s") Duration heartbeatInterval,
        @NotNull @DurationMin(millis = 300) @DurationMax(minutes = 30) @DefaultValue("15s") Duration nodeTimeout) {

    @AssertTrue(message = "nodeTimeout must be at least twice heartbeatInterval")
    public boolean isNodeTimeoutLongEnough() {
        return heartbeatInterval == null || nodeTimeout == null
                || nodeTimeout.compareTo(heartbeatInterval.multipliedBy(2)) >= 0;
    }
}
