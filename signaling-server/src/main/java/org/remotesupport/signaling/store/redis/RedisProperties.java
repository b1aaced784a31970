package org.remotesupport.signaling.store.redis;

import io.lettuce.core.RedisURI;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The shared store under {@code remote-support.redis}: when {@code uri} is set, every store, the
 * session locks and the message bus between signaling nodes live in that Redis; when it is unset
 * everything stays in this process's memory. Bound and validated once at start-up.
 *
 * @param uri             where Redis is, e.g. {@code redis://redis.internal:6379/0},
 *                        {@code rediss://:password@host:6380} or {@code redis-sentinel://host:26379/0#mymaster}
 * @param keyPrefix       put in front of every key and channel, so that several deployments can share one
 *                        Redis (default {@code rs:})
 * @param commandTimeout  how long a command may take before it fails (default 2 seconds)
 * @param sessionTtl      how long a session's keys outlive their last change, so that sessions whose nodes
 *                        all crashed are dropped eventually (default 12 hours)
 * @param lockTtl         how long a node may hold a session's lock before it expires by itself, should the
 *                        node die while holding it (default 10 seconds; far longer than any change takes)
 * @param lockWait        how long a node waits for a session's lock before the change fails (default 5 seconds)
 * @param ticketRetention how long tickets, their photos and the contact history are kept (default 30 days)
 */
@Validated
@ConfigurationProperties("remote-support.redis")
public record RedisProperties(
        String uri,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{0,32}", message = "must be at most 32 letters, digits or . _ : -")
        @DefaultValue("rs:") String keyPrefix,
        @NotNull @DurationMin(millis = 50) @DurationMax(minutes = 1) @DefaultValue("2s") Duration commandTimeout,
        @NotNull @DurationMin(minutes = 1) @DurationMax(days = 7) @DefaultValue("12h") Duration sessionTtl,
        @NotNull @DurationMin(millis = 500) @DurationMax(minutes = 5) @DefaultValue("10s") Duration lockTtl,
        @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) @DefaultValue("5s") Duration lockWait,
        @NotNull @DurationMin(hours = 1) @DurationMax(days = 3650) @DefaultValue("30d") Duration ticketRetention) {

    private static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-sentinel", "rediss-sentinel", "redis-socket");

    @AssertTrue(message = "must be a redis://, rediss://, redis-sentinel:// or redis-socket:// URI")
    public boolean isUriValid() {
        if (uri == null || uri.isBlank()) {
            return true;
        }
        int colon = uri.indexOf("://");
        if (colon <= 0 || !SCHEMES.contains(uri.substring(0, colon))) {
            return false;
        }
        try {
            RedisURI.create(uri);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
