package org.remotesupport.annotation.log;

/**
 * Every Redis key of the annotation op log, in one place, each behind the deployment's key prefix
 * ({@code rs:} by default). The session id is wrapped in braces (a hash tag) so that a session's
 * keys share one Redis Cluster slot, as the append script touches both at once.
 */
public final class AnnotationRedisKeys {

    private final String prefix;

    public AnnotationRedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /**
     * {@code rs:annotations:{sessionId}:log} STREAM; entry id {@code <seq>-0} (seq 1, 2, 3… so that
     * XRANGE by seq is exact), one field {@code op} = the committed op as JSON without its seq.
     */
    public String log(String sessionId) {
        return prefix + "annotations:{" + sessionId + "}:log";
    }

    /**
     * {@code rs:annotations:{sessionId}:ids} HASH, field = author NUL op id, value = the seq the op
     * went to: what makes a resend a duplicate instead of a second op.
     */
    public String opIds(String sessionId) {
        return prefix + "annotations:{" + sessionId + "}:ids";
    }
}
