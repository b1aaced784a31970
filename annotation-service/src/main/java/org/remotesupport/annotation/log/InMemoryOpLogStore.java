package org.remotesupport.annotation.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.remotesupport.protocol.annotation.CommittedOp;

/** An {@link OpLogStore} in this process's heap, for one node (the embedded default); thread-safe. */
public final class InMemoryOpLogStore implements OpLogStore {

    private final Map<String, Log> logs = new ConcurrentHashMap<>();

    @Override
    public AppendResult append(String sessionId, long expectedLastSeq, CommittedOp op) {
        Log log = logs.computeIfAbsent(sessionId, id -> new Log());
        synchronized (log) {
            Long existing = log.opIds.get(OpKeys.of(op.author(), op.opId()));
            if (existing != null) {
                return new AppendResult.Duplicate(existing);
            }
            long last = log.ops.size();
            if (last != expectedLastSeq) {
                return new AppendResult.Behind(last);
            }
            long seq = last + 1;
            log.ops.add(op.withSeq(seq));
            log.opIds.put(OpKeys.of(op.author(), op.opId()), seq);
            return new AppendResult.Appended(seq);
        }
    }

    @Override
    public List<CommittedOp> readAfter(String sessionId, long afterSeq, int limit) {
        Log log = logs.get(sessionId);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            int from = (int) Math.max(0, Math.min(afterSeq, log.ops.size()));
            int to = (int) Math.min(log.ops.size(), (long) from + limit);
            return List.copyOf(log.ops.subList(from, to));
        }
    }

    @Override
    public long lastSeq(String sessionId) {
        Log log = logs.get(sessionId);
        if (log == null) {
            return 0;
        }
        synchronized (log) {
            return log.ops.size();
        }
    }

    @Override
    public void delete(String sessionId) {
        logs.remove(sessionId);
    }

    private static final class Log {
        // ops.get(i) has seq i + 1: seqs are dense from 1
        final List<CommittedOp> ops = new ArrayList<>();
        final Map<String, Long> opIds = new HashMap<>();
    }
}
