package org.remotesupport.signaling.store.redis;

import io.lettuce.core.ScriptOutputType;
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
 * {@code rs:participant:{id}:node} with a TTL of the node timeout, each node's participants the set
 * {@code rs:node:{id}:participants}, and the nodes the sorted set {@code rs:nodes} scored by when each
 * node's entry expires, in Redis server time so that the nodes' clocks need not agree. Unbinding and
 * renewing compare the stored node with this one inside a script, so a node never removes or renews
 * an entry that another node has taken over (a resumed connection); taking a dead node out is one
 * script, so exactly one sweeper gets it. Called from any thread; each method is one round trip
 * (renewal: one per 500 participants).
 */
public final class RedisParticipantDirectory implements ParticipantDirectory {

    private static final int BATCH = 500;
    // the node's participant set outlives the node's entry long enough for a survivor to read it
    private static final int NODE_SET_TIMEOUTS = 4;

    // KEYS[1] = the participant's entry, KEYS[2] = the node's participant set; ARGV = node id, participant id,
    // entry timeout ms, set timeout ms
    private static final RedisScript BIND = new RedisScript("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            redis.call('SADD', KEYS[2], ARGV[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            return 1
            """);
    // KEYS[1] = the node's participant set, KEYS[2..] = participant entries; ARGV = node id, participant ids
    private static final RedisScript UNBIND = new RedisScript("""
            for i = 2, #KEYS do
              if redis.call('GET', KEYS[i]) == ARGV[1] then
                redis.call('DEL', KEYS[i])
              end
              redis.call('SREM', KEYS[1], ARGV[i])
            end
            return 1
            """);
    // KEYS[1] = nodes, KEYS[2] = the node's participant set, KEYS[3..] = participant entries;
    // ARGV = node id, entry timeout ms, set timeout ms
    private static final RedisScript REFRESH = new RedisScript("""
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
            for i = 3, #KEYS do
              local current = redis.call('GET', KEYS[i])
              if not current or current == ARGV[1] then
                redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
              end
            end
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            return 1
            """);
    // KEYS[1] = nodes
    private static final RedisScript LIVE_NODES = new RedisScript("""
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')
            """);
    // KEYS[1] = nodes; ARGV[1] = the name of a node's participant set without the node id. The set's
    // name is made here because which nodes are dead is only known inside the script: a single Redis
    // primary is required anyway (see RedisKeys). Returns node id, participant ids..., for each dead node.
    private static final RedisScript TAKE_DEAD = new RedisScript("""
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local result = {}
            for _, node in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
              redis.call('ZREM', KEYS[1], node)
              local set = ARGV[1] .. node .. ARGV[2]
              local held = redis.call('SMEMBERS', set)
              redis.call('DEL', set)
              table.insert(held, 1, node)
              table.insert(result, held)
            end
            return result
            """);

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final ClusterNode node;
    private final Duration timeout;
    private final String setTimeoutMillis;

    public RedisParticipantDirectory(RedisConnections connections, RedisKeys keys, ClusterNode node, Duration timeout) {
        this.redis = connections.commands();
        this.keys = keys;
        this.node = node;
        this.timeout = timeout;
        this.setTimeoutMillis = String.valueOf(timeout.multipliedBy(NODE_SET_TIMEOUTS).toMillis());
    }

    @Override
    public ClusterNode node() {
        return node;
    }

    @Override
    public void bind(String participantId) {
        BIND.run(redis, ScriptOutputType.INTEGER,
                new String[] {keys.participantNode(participantId), keys.nodeParticipants(node.id())},
                node.id(), participantId, String.valueOf(timeout.toMillis()), setTimeoutMillis);
    }

    @Override
    public void unbind(String participantId) {
        unbindAll(List.of(participantId));
    }

    @Override
    public Optional<String> nodeOf(String participantId) {
        return Optional.ofNullable(redis.get(keys.participantNode(participantId)));
    }

    @Override
    public void refresh(Collection<String> participantIds) {
        List<String> batch = newBatch();
        for (String participantId : participantIds) {
            batch.add(keys.participantNode(participantId));
            if (batch.size() > BATCH) {
                renew(batch);
                batch = newBatch();
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
        unbindAll(participantIds);
        redis.del(keys.nodeParticipants(node.id()));
    }

    @Override
    public List<DeadNode> takeDeadNodes() {
        String set = keys.nodeParticipants("\u0000");
        int gap = set.indexOf('\u0000');
        List<Object> taken = TAKE_DEAD.run(redis, ScriptOutputType.MULTI, new String[] {keys.nodes()},
                set.substring(0, gap), set.substring(gap + 1));
        List<DeadNode> dead = new ArrayList<>();
        for (Object entry : taken) {
            List<?> values = (List<?>) entry;
            String deadNode = (String) values.get(0);
            List<String> held = new ArrayList<>();
            for (Object participant : values.subList(1, values.size())) {
                String participantId = (String) participant;
                // a participant that resumed on another node since is no longer the dead node's
                if (nodeOf(participantId).map(deadNode::equals).orElse(true)) {
                    held.add(participantId);
                }
            }
            dead.add(new DeadNode(deadNode, held));
        }
        return dead;
    }

    private List<String> newBatch() {
        List<String> batch = new ArrayList<>(BATCH + 2);
        batch.add(keys.nodes());
        batch.add(keys.nodeParticipants(node.id()));
        return batch;
    }

    private void renew(List<String> batch) {
        REFRESH.run(redis, ScriptOutputType.INTEGER, batch.toArray(String[]::new), node.id(),
                String.valueOf(timeout.toMillis()), setTimeoutMillis);
    }

    private void unbindAll(Collection<String> participantIds) {
        List<String> ids = List.copyOf(participantIds);
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
            List<String> scriptKeys = new ArrayList<>(chunk.size() + 1);
            scriptKeys.add(keys.nodeParticipants(node.id()));
            chunk.forEach(p -> scriptKeys.add(keys.participantNode(p)));
            List<String> args = new ArrayList<>(chunk.size() + 1);
            args.add(node.id());
            args.addAll(chunk);
            UNBIND.run(redis, ScriptOutputType.INTEGER, scriptKeys.toArray(String[]::new), args.toArray(String[]::new));
        }
    }
}
