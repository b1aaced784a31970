package org.remotesupport.annotation.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.remotesupport.annotation.log.OpLogStore.AppendResult;
import org.remotesupport.protocol.annotation.CommittedOp;
import org.remotesupport.protocol.annotation.OpKind;

/** What every {@link OpLogStore} does; subclasses name the store. */
abstract class OpLogStoreContract {

    abstract OpLogStore store();

    final String session = "s-" + UUID.randomUUID();

    static CommittedOp op(String author, String opId) {
        return new CommittedOp(0, author, opId, 1_000, OpKind.CLEAR, null, null, null, null, null, null, List.of(),
                null);
    }

    @Test
    void appendsAtDenseSeqsAndReadsThemBackInOrder() {
        OpLogStore store = store();
        assertThat(store.lastSeq(session)).isZero();
        assertThat(store.append(session, 0, op("a", "1"))).isEqualTo(new AppendResult.Appended(1));
        assertThat(store.append(session, 1, op("b", "1"))).isEqualTo(new AppendResult.Appended(2));
        assertThat(store.append(session, 2, op("a", "2"))).isEqualTo(new AppendResult.Appended(3));
        assertThat(store.lastSeq(session)).isEqualTo(3);
        assertThat(store.readAfter(session, 0, 100)).extracting(CommittedOp::seq, CommittedOp::author, CommittedOp::opId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "a", "1"),
                        org.assertj.core.groups.Tuple.tuple(2L, "b", "1"),
                        org.assertj.core.groups.Tuple.tuple(3L, "a", "2"));
        assertThat(store.readAfter(session, 1, 1)).extracting(CommittedOp::seq).containsExactly(2L);
        assertThat(store.readAfter(session, 3, 10)).isEmpty();
        assertThat(store.readAfter("other", 0, 10)).isEmpty();
    }

    @Test
    void keepsTheOpAsCommitted() {
        OpLogStore store = store();
        CommittedOp op = new CommittedOp(0, "agent", "x1", 1_234, OpKind.UNDO, 7L, null, "m1", null, -0.25, 0.5,
                null, List.of("m1", "m2"));
        store.append(session, 0, op);
        assertThat(store.readAfter(session, 0, 1)).containsExactly(op.withSeq(1));
    }

    @Test
    void aResentOpIdIsADuplicateAndWritesNothing() {
        OpLogStore store = store();
        store.append(session, 0, op("a", "1"));
        store.append(session, 1, op("b", "1"));
        assertThat(store.append(session, 2, op("a", "1"))).isEqualTo(new AppendResult.Duplicate(1));
        assertThat(store.append(session, 0, op("b", "1"))).isEqualTo(new AppendResult.Duplicate(2));
        assertThat(store.lastSeq(session)).isEqualTo(2);
    }

    @Test
    void refusesAnAppendBehindTheLog() {
        OpLogStore store = store();
        store.append(session, 0, op("a", "1"));
        assertThat(store.append(session, 0, op("b", "1"))).isEqualTo(new AppendResult.Behind(1));
        assertThat(store.append(session, 5, op("b", "1"))).isEqualTo(new AppendResult.Behind(1));
        assertThat(store.readAfter(session, 0, 10)).hasSize(1);
    }

    @Test
    void racingWritersGetEveryOpInExactlyOnce() throws Exception {
        OpLogStore store = store();
        int writers = 4;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int w = 0; w < writers; w++) {
            String author = "w" + w;
            pool.execute(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        while (true) {
                            AppendResult r = store.append(session, store.lastSeq(session), op(author, "op" + i));
                            if (!(r instanceof AppendResult.Behind)) {
                                break;
                            }
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        List<CommittedOp> all = new ArrayList<>(store.readAfter(session, 0, 1000));
        assertThat(all).hasSize(writers * each);
        assertThat(all).extracting(CommittedOp::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, writers * each).boxed().toList());
        assertThat(all.stream().map(o -> o.author() + "/" + o.opId()).distinct()).hasSize(writers * each);
    }

    @Test
    void deleteForgetsTheLogAndItsOpIds() {
        OpLogStore store = store();
        store.append(session, 0, op("a", "1"));
        store.delete(session);
        assertThat(store.lastSeq(session)).isZero();
        assertThat(store.append(session, 0, op("a", "1"))).isEqualTo(new AppendResult.Appended(1));
    }
}
