package org.remotesupport.signaling.store.redis;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code remote-support.redis.uri} is set and not blank; an empty value (an empty
 * environment variable) means in memory, as an absent one does.
 */
public final class RedisConfiguredCondition extends SpringBootCondition {

    /** The property that selects Redis. */
    public static final String URI_PROPERTY = "remote-support.redis.uri";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty(URI_PROPERTY))
                ? ConditionOutcome.match(URI_PROPERTY + " is set")
                : ConditionOutcome.noMatch(URI_PROPERTY + " is not set: state stays in memory");
    }
}
