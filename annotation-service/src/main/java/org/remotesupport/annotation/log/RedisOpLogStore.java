package org.remotesupport.annotation.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.Limit;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import org.remotesupport.protocol.annotation.AnnotationCodec;
import org.remotesupport.protocol.annotation.CommittedOp;

/**
 * An {@link OpLogStore} in Redis Streams (keys in {@link AnnotationRedisKeys}): one stream per
 * session whose entry ids are the seqs, and a hash of op ids for dedupe. Appending is one Lua
 * script, so nodes racing on a session see exactly one winner. Thread-safe: Lettuce connections
 * may be shared; each call blocks its caller for one round trip.
 */
public final class RedisOpLogStore implements OpLogStore {

    // KEYS: log, ids; ARGV: expected last seq, op key, op JSON. Returns {0, seq} appended,
    // {1, seq} duplicate, {2, last} behind. The stream id carries the seq, so XADD itself
    // refuses to go backwards should the script ever be wrong.
    private static final String APPEND = """
            local dup = redis.call('HGET', KEYS[2], ARGV[2])
            if dup then return {1, tonumber(dup)} end
            local last = 0
            local top = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            if #top > 0 then last = tonumber(string.match(top[1][1], '^(%d+)')) end
            if last ~= tonumber(ARGV[1]) then return {2, last} end
            local seq = last + 1
            redis.call('XADD', KEYS[1], seq .. '-0', 'op', ARGV[3])
            redis.call('HSET', KEYS[2], ARGV[2], seq)
            return {0, seq}
            """;

    private final RedisCommands<String, String> redis;
    private final AnnotationRedisKeys keys;
    private final AnnotationCodec codec;
    private final String appendSha;

    public RedisOpLogStore(RedisCommands<String, String> redis, AnnotationRedisKeys keys, AnnotationCodec codec) {
        this.redis = redis;
        this.keys = keys;
        this.codec = codec;
        this.appendSha = redis.scriptLoad(APPEND);
    }

    @Override
    public AppendResult append(String sessionId, long expectedLastSeq, CommittedOp op) {
        String json = codec.write(op.withSeq(0));
        List<Long> result = evalAppend(sessionId, expectedLastSeq, op, json);
        long value = result.get(1);
        return switch (result.get(0).intValue()) {
            case 0 -> new AppendResult.Appended(value);
            case 1 -> new AppendResult.Duplicate(value);
            default -> new AppendResult.Behind(value);
        };
    }

    private List<Long> evalAppend(String sessionId, long expectedLastSeq, CommittedOp op, String json) {
        String[] scriptKeys = {keys.log(sessionId), keys.opIds(sessionId)};
        String[] args = {Long.toString(expectedLastSeq), OpKeys.of(op.author(), op.opId()), json};
        try {
            return redis.evalsha(appendSha, ScriptOutputType.MULTI, scriptKeys, args);
        } catch (io.lettuce.core.RedisNoScriptException e) {
            // the server restarted or flushed its script cache
            return redis.eval(APPEND, ScriptOutputType.MULTI, scriptKeys, args);
        }
    }

    @Override
    public List<CommittedOp> readAfter(String sessionId, long afterSeq, int limit) {
        List<StreamMessage<String, String>> entries = redis.xrange(keys.log(sessionId),
                Range.create((afterSeq + 1) + "-0", "+"), Limit.from(limit));
        List<CommittedOp> ops = new ArrayList<>(entries.size());
        for (StreamMessage<String, String> entry : entries) {
            long seq = Long.parseLong(entry.getId().substring(0, entry.getId().indexOf('-')));
            try {
                ops.add(codec.readOp(entry.getBody().get("op")).withSeq(seq));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable op " + entry.getId() + " in " + keys.log(sessionId), e);
            }
        }
        return ops;
    }

    @Override
    public long lastSeq(String sessionId) {
        List<StreamMessage<String, String>> top = redis.xrevrange(keys.log(sessionId), Range.create("-", "+"),
                Limit.from(1));
        if (top.isEmpty()) {
            return 0;
        }
        String id = top.get(0).getId();
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    @Override
    public void delete(String sessionId) {
        redis.del(keys.log(sessionId), keys.opIds(sessionId));
    }
}
