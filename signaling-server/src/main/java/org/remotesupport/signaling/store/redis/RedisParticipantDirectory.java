package org.remotesupport.signaling.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.remotesupport.signaling.cluster.ClusterNode;
import org.remotesupport.signaling.cluster.ParticipantDirectory;

/**
 * A {@link ParticipantDirectory} in Redis: each connected participant's node is the key
 * {@code rs:participant:{id}:node} with a TTL of the node timeout, and the live nodes are the sorted
 * set {@code rs:nodes} scored by when each node's entry expires, in Redis server time so that the
 * nodes' clocks need not agree. Unbinding and renewing compare the stored node with this one inside
 * a script, so a node never removes or renews an entry that another node has taken over (a resumed
 * connection). Called from any thread; each method is one round trip (renewal: one per 500 participants).
 */
public final class RedisParticipantDirectory implements ParticipantDirectory {

    private static final int BATCH = 500;

    // KEYS[1] = nodes, KEYS[2..] = participant entries; ARGV = node id, timeout ms
    private static final RedisScript REFRESH = new RedisScript("""
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            for i = 2, #KEYS do
              local current = redis.call('GET', KEYS[i])
              if not current or current == ARGV[1] then
                redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
              end
            end
            return 1
            """);
    // KEYS = participant entries; ARGV = node id
    private static final RedisScript UNBIND = new RedisScript("""
            for i = 1, #KEYS do
              if redis.call('GET', KEYS[i]) == ARGV[1] then
                redis.call('DEL', KEYS[i])
              end
            end
            return 1
            """);
    // KEYS[1] = nodes
    private static final RedisScript LIVE_NODES = new RedisScript("""
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')
            """);

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final ClusterNode node;
    private final Duration timeout;

    public RedisParticipantDirectory(RedisConnections connections, RedisKeys keys, ClusterNode node, Duration timeout) {
        this.redis = connections.commands();
        this.keys = keys;
        this.node = node;
        this.timeout = timeout;
    }

    @Override
    public ClusterNode node() {
        return node;
    }

    @Override
    public void bind(String participantId) {
        redis.set(keys.participantNode(participantId), node.id(), SetArgs.Builder.px(timeout.toMillis()));
    }

    @Override
    public void unbind(String participantId) {
        UNBIND.run(redis, ScriptOutputType.INTEGER, new String[] {keys.participantNode(participantId)}, node.id());
    }

    @Override
    public Optional<String> nodeOf(String participantId) {
        return Optional.ofNullable(redis.get(keys.participantNode(participantId)));
    }

    @Override
    public void refresh(Collection<String> participantIds) {
        List<String> batch = new ArrayList<>(BATCH + 1);
        batch.add(keys.nodes());
        for (String participantId : participantIds) {
            batch.add(keys.participantNode(participantId));
            if (batch.size() > BATCH) {
                renew(batch);
                batch = new ArrayList<>(BATCH + 1);
                batch.add(keys.nodes());
            }
        }
        renew(batch);
    }

    @Override
    public Set<String> liveNodes() {
        List<String> live = LIVE_NODES.run(redis, ScriptOutputType.MULTI, new String[] {keys.nodes()});
        return Set.copyOf(live);
    }

    @Override
    public void leave(Collection<String> participantIds) {
        redis.zrem(keys.nodes(), node.id());
        List<String> batch = new ArrayList<>(BATCH);
        for (String participantId : participantIds) {
            batch.add(keys.participantNode(participantId));
            if (batch.size() == BATCH) {
                UNBIND.run(redis, ScriptOutputType.INTEGER, batch.toArray(String[]::new), node.id());
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            UNBIND.run(redis, ScriptOutputType.INTEGER, batch.toArray(String[]::new), node.id());
        }
    }

    private void renew(List<String> batch) {
        REFRESH.run(redis, ScriptOutputType.INTEGER, batch.toArray(String[]::new), node.id(),
                String.valueOf(timeout.toMillis()));
    }
}
