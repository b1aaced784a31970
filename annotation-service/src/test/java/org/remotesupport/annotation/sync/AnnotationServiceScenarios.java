package org.remotesupport.annotation.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.remotesupport.annotation.sync.Ops.add;
import static org.remotesupport.annotation.sync.Ops.arrow;
import static org.remotesupport.annotation.sync.Ops.markup;
import static org.remotesupport.annotation.sync.Ops.move;
import static org.remotesupport.annotation.sync.Ops.simple;
import static org.remotesupport.annotation.sync.Ops.stroke;
import static org.remotesupport.annotation.sync.Ops.update;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.remotesupport.annotation.access.Access;
import org.remotesupport.annotation.access.AnnotationRole;
import org.remotesupport.annotation.log.OpLogStore;
import org.remotesupport.annotation.timeline.Timeline;
import org.remotesupport.protocol.annotation.AnnotationClientMessage;
import org.remotesupport.protocol.annotation.AnnotationCodec;
import org.remotesupport.protocol.annotation.AnnotationErrorCode;
import org.remotesupport.protocol.annotation.AnnotationServerMessage;
import org.remotesupport.protocol.annotation.CommittedOp;
import org.remotesupport.protocol.annotation.Markup;
import org.remotesupport.protocol.annotation.MarkupType;
import org.remotesupport.protocol.annotation.OpKind;
import org.remotesupport.protocol.annotation.Point;

/**
 * The service's behaviour end to end on one store: convergence, resync, dedupe, undo/redo, roles and
 * limits. Subclasses run it against each {@link OpLogStore}.
 */
abstract class AnnotationServiceScenarios {

    static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    static final Access AGENT = new Access("agent-1", AnnotationRole.AGENT, START);
    static final Access EXPERT = new Access("expert-1", AnnotationRole.EXPERT, START);
    static final Access CUSTOMER = new Access("customer-1", AnnotationRole.CUSTOMER, START);
    static final Access OBSERVER = new Access("observer-1", AnnotationRole.OBSERVER, START);

    final String session = "s-" + UUID.randomUUID();
    final AnnotationLimits limits = new AnnotationLimits(1000, 1000, 50, 20, 10, 16 * 1024, 5);

    abstract OpLogStore store();

    AnnotationService service() {
        return new AnnotationService(store(), limits, Clock.fixed(START.plusSeconds(42), ZoneOffset.UTC),
                new AnnotationCodec());
    }

    @Test
    void twoAuthorsDrawingAtOnceConvergeToTheSameOrderedStateEverywhere() throws Exception {
        AnnotationService service = service();
        Replica agentView = join(service, AGENT, 0);
        Replica expertView = join(service, EXPERT, 0);
        Replica customerView = join(service, CUSTOMER, 0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> authors = new ArrayList<>();
        for (Access author : List.of(AGENT, EXPERT)) {
            authors.add(pool.submit(() -> {
                go.await();
                String id = author.participantId() + "-stroke";
                service.push(session, author, stroke("o0", id, new Point(0, 0)));
                for (int i = 1; i <= 30; i++) {
                    service.push(session, author, update("o" + i, id, new Point(i / 100.0, i / 100.0)));
                    if (i % 10 == 0) {
                        service.push(session, author, arrow("a" + i, author.participantId() + "-arrow-" + i));
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : authors) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        Replica late = join(service, OBSERVER, 0);
        long last = store().lastSeq(session);
        assertThat(last).isEqualTo(2 * (1 + 30 + 3));
        for (Replica r : List.of(agentView, expertView, customerView, late)) {
            assertThat(r.lastSeq()).isEqualTo(last);
            assertThat(r.visible()).isEqualTo(agentView.visible());
        }
        Markup stroke = agentView.visible().stream().filter(m -> m.id().equals("agent-1-stroke")).findFirst()
                .orElseThrow();
        assertThat(stroke.points()).hasSize(31);
        assertThat(stroke.points().get(30)).isEqualTo(new Point(0.3, 0.3));
        assertThat(agentView.visible()).hasSize(2 + 6);
    }

    @Test
    void aConnectionDroppedMidStrokeWithDuplicateAndReorderedDeliveryLosesAndDoublesNothing() throws Exception {
        AnnotationService service = service();
        Replica agentView = join(service, AGENT, 0);
        Replica customerView = new Replica();
        Runnable customerGone = service.join(session, CUSTOMER, 0, customerView);
        service.push(session, AGENT, stroke("p0", "s1", new Point(0.1, 0.1)));
        service.push(session, AGENT, update("p1", "s1", new Point(0.2, 0.2)));
        // the customer's connection drops in the middle of the stroke
        customerGone.run();
        long seenByCustomer = customerView.lastSeq();
        // the agent's connection drops too: p2 was committed but its commit never arrived, so the
        // agent pushes p2 again on reconnect, together with p3 drawn while offline
        assertThat(service.push(session, AGENT, update("p2", "s1", new Point(0.3, 0.3)))).isEqualTo(3);
        assertThat(service.push(session, AGENT, update("p2", "s1", new Point(0.3, 0.3)))).isEqualTo(3);
        assertThat(service.push(session, AGENT, update("p3", "s1", new Point(0.4, 0.4)))).isEqualTo(4);
        assertThat(service.push(session, AGENT, update("p3", "s1", new Point(0.4, 0.4)))).isEqualTo(4);

        Replica back = join(service, CUSTOMER, seenByCustomer);
        List<AnnotationServerMessage.Ops> resync = back.messages(AnnotationServerMessage.Ops.class);
        assertThat(resync).hasSize(1);
        assertThat(resync.get(0).ops()).extracting(CommittedOp::seq).containsExactly(3L, 4L);

        // every op delivered twice and out of order still adds up to the same state
        List<CommittedOp> all = new ArrayList<>(store().readAfter(session, 0, 100));
        List<CommittedOp> shuffled = new ArrayList<>(all);
        shuffled.addAll(all);
        Collections.shuffle(shuffled, new Random(7));
        Replica scrambled = new Replica();
        shuffled.forEach(scrambled::offer);

        List<Point> expected = List.of(new Point(0.1, 0.1), new Point(0.2, 0.2), new Point(0.3, 0.3),
                new Point(0.4, 0.4));
        for (Replica r : List.of(agentView, scrambled)) {
            assertThat(r.visible()).singleElement().satisfies(m -> assertThat(m.points()).isEqualTo(expected));
        }
        Replica resumed = new Replica();
        store().readAfter(session, 0, (int) seenByCustomer).forEach(resumed::offer);
        back.messages(AnnotationServerMessage.Ops.class).forEach(o -> o.ops().forEach(resumed::offer));
        assertThat(resumed.visible()).isEqualTo(agentView.visible());
    }

    @Test
    void aClientFurtherBehindThanTheReplayWindowGetsASnapshot() throws Exception {
        AnnotationService service = service();
        service.push(session, AGENT, arrowOp2("a1", "m1"));
        service.push(session, AGENT, arrowOp2("a2", "m2"));
        service.push(session, AGENT, simple("d1", OpKind.DELETE, "m1"));
        for (int i = 0; i < limits.resyncOps(); i++) {
            service.push(session, AGENT, move("mv" + i, "m2", 0.01, 0));
        }
        Replica far = join(service, OBSERVER, 1);
        assertThat(far.messages(AnnotationServerMessage.Snapshot.class)).hasSize(1);
        assertThat(far.messages(AnnotationServerMessage.Ops.class)).isEmpty();
        Replica near = new Replica();
        store().readAfter(session, 0, 3).forEach(near::offer);
        service.join(session, OBSERVER, 3, near);
        assertThat(near.messages(AnnotationServerMessage.Ops.class).get(0).ops()).hasSize(limits.resyncOps());
        Replica all = join(service, OBSERVER, 0);
        assertThat(far.visible()).isEqualTo(all.visible()).isEqualTo(near.visible());
        assertThat(far.hidden()).extracting(Markup::id).containsExactly("m1");
        assertThat(far.lastSeq()).isEqualTo(all.lastSeq());
        // the snapshot replica keeps applying live ops
        service.push(session, AGENT, simple("u1", OpKind.UNDO, null));
        assertThat(far.visible()).isEqualTo(all.visible());
    }

    private static AnnotationClientMessage.Op arrowOp2(String opId, String id) {
        return arrow(opId, id);
    }

    @Test
    void undoAndRedoArePerAuthor() throws Exception {
        AnnotationService service = service();
        Replica view = join(service, OBSERVER, 0);
        service.push(session, AGENT, arrow("1", "a"));
        service.push(session, EXPERT, arrow("1", "e"));
        service.push(session, AGENT, move("2", "a", 0.1, 0.2));
        service.push(session, EXPERT, simple("2", OpKind.UNDO, null));
        assertThat(ids(view)).containsExactly("a");
        service.push(session, AGENT, simple("3", OpKind.UNDO, null));
        assertThat(view.visible().get(0).points().get(0).x()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        service.push(session, AGENT, simple("4", OpKind.UNDO, null));
        assertThat(ids(view)).isEmpty();
        assertReject(() -> service.push(session, AGENT, simple("5", OpKind.UNDO, null)), AnnotationErrorCode.NOTHING_TO_UNDO);
        service.push(session, AGENT, simple("6", OpKind.REDO, null));
        service.push(session, EXPERT, simple("3", OpKind.REDO, null));
        assertThat(ids(view)).containsExactly("a", "e");
        service.push(session, AGENT, simple("7", OpKind.CLEAR, null));
        assertThat(ids(view)).isEmpty();
        service.push(session, AGENT, simple("8", OpKind.UNDO, null));
        assertThat(ids(view)).containsExactly("a", "e");
        // something new drops what the author could redo
        service.push(session, AGENT, simple("9", OpKind.DELETE, "e"));
        assertReject(() -> service.push(session, AGENT, simple("10", OpKind.REDO, null)), AnnotationErrorCode.NOTHING_TO_REDO);
        assertThat(ids(view)).containsExactly("a");
        assertThat(ids(join(service, OBSERVER, 0))).containsExactly("a");
    }

    @Test
    void observersReadOnlyAndCustomersDrawOnlyWhenTheAgentAllows() throws Exception {
        AnnotationService service = service();
        Replica observer = join(service, OBSERVER, 0);
        Replica agent = join(service, AGENT, 0);
        assertReject(() -> service.push(session, OBSERVER, arrow("1", "o")), AnnotationErrorCode.READ_ONLY);
        assertReject(() -> service.pointer(session, OBSERVER, new AnnotationClientMessage.Pointer(0.5, 0.5, "t", true),
                observer), AnnotationErrorCode.READ_ONLY);
        assertReject(() -> service.push(session, CUSTOMER, arrow("1", "c")), AnnotationErrorCode.DRAWING_NOT_ALLOWED);
        assertReject(() -> service.permit(session, CUSTOMER, true), AnnotationErrorCode.DRAWING_NOT_ALLOWED);
        service.permit(session, AGENT, true);
        service.push(session, CUSTOMER, arrow("1", "c"));
        service.permit(session, AGENT, false);
        assertReject(() -> service.push(session, CUSTOMER, arrow("2", "c2")), AnnotationErrorCode.DRAWING_NOT_ALLOWED);
        assertThat(ids(observer)).containsExactly("c");
        assertThat(observer.messages(AnnotationServerMessage.Permit.class)).extracting(AnnotationServerMessage.Permit::customerMayDraw)
                .containsExactly(true, false);
        // the customer points; everyone else sees it, nothing is stored
        Replica customer = join(service, CUSTOMER, 0);
        service.pointer(session, CUSTOMER, new AnnotationClientMessage.Pointer(0.25, 0.75, "camera", true), customer);
        assertThat(agent.messages(AnnotationServerMessage.Pointer.class)).singleElement()
                .isEqualTo(new AnnotationServerMessage.Pointer("customer-1", "customer", 0.25, 0.75, "camera", true));
        assertThat(customer.messages(AnnotationServerMessage.Pointer.class)).isEmpty();
        assertThat(store().lastSeq(session)).isEqualTo(1);
    }

    @Test
    void eachLimitHasItsCode() throws Exception {
        AnnotationService service = service();
        Point p = new Point(0.5, 0.5);
        Point[] tooMany = new Point[limits.pointsPerStroke() + 1];
        java.util.Arrays.fill(tooMany, p);
        assertReject(() -> service.push(session, AGENT, add("1", markup("s", MarkupType.STROKE, tooMany))),
                AnnotationErrorCode.TOO_MANY_POINTS);
        service.push(session, AGENT, stroke("2", "s", p));
        Point[] almost = new Point[limits.pointsPerStroke() - 1];
        java.util.Arrays.fill(almost, p);
        service.push(session, AGENT, update("3", "s", almost));
        assertReject(() -> service.push(session, AGENT, update("4", "s", p)), AnnotationErrorCode.TOO_MANY_POINTS);
        Markup longText = new Markup("t", MarkupType.TEXT, "#ffffff", 2, List.of(p), "x".repeat(limits.textLength() + 1),
                null, Ops.ANCHOR);
        assertReject(() -> service.push(session, AGENT, add("5", longText)), AnnotationErrorCode.TEXT_TOO_LONG);
        assertReject(() -> service.push(session, AGENT, add("6", markup("bad", MarkupType.ARROW, p, new Point(1.5, 0)))),
                AnnotationErrorCode.INVALID_FIELD);
        assertReject(() -> service.push(session, AGENT, arrow("7", "s")), AnnotationErrorCode.DUPLICATE_MARKUP);
        assertReject(() -> service.push(session, EXPERT, update("8", "s", p)), AnnotationErrorCode.NOT_AUTHOR);
        assertReject(() -> service.push(session, AGENT, update("9", "nope", p)), AnnotationErrorCode.UNKNOWN_MARKUP);
        for (int i = 1; i < limits.markupsPerSession(); i++) {
            service.push(session, AGENT, arrow("m" + i, "m" + i));
        }
        assertReject(() -> service.push(session, AGENT, arrow("over", "over")), AnnotationErrorCode.TOO_MANY_MARKUPS);
        // nothing refused reached the log, everything committed is still there
        assertThat(store().lastSeq(session)).isEqualTo(2 + limits.markupsPerSession() - 1);
        assertThat(join(service, OBSERVER, 0).visible()).hasSize(limits.markupsPerSession());
    }

    @Test
    void aNewServerNodeContinuesFromTheStoredLog() throws Exception {
        AnnotationService first = service();
        first.push(session, AGENT, arrow("1", "a"));
        first.push(session, AGENT, arrow("2", "b"));
        AnnotationService second = service();
        // an op id committed through the first node is a duplicate on the second
        assertThat(second.push(session, AGENT, arrow("2", "b"))).isEqualTo(2);
        second.push(session, AGENT, simple("3", OpKind.UNDO, null));
        // the first node catches up before it resolves its next op
        first.push(session, AGENT, simple("4", OpKind.UNDO, null));
        assertThat(ids(join(second, OBSERVER, 0))).isEmpty();
        assertThat(ids(join(first, OBSERVER, 0))).isEmpty();
    }

    @Test
    void theLogExportsAsATimelineRelativeToTheSessionStart() throws Exception {
        AnnotationService service = service();
        service.push(session, AGENT, arrow("1", "a"));
        Timeline timeline = service.timeline(session, START);
        assertThat(timeline.entries()).singleElement().satisfies(e -> {
            assertThat(e.offsetMs()).isEqualTo(42_000);
            assertThat(e.op().markup().id()).isEqualTo("a");
        });
    }

    private Replica join(AnnotationService service, Access who, long lastSeq) throws OpRejected {
        Replica replica = new Replica();
        service.join(session, who, lastSeq, replica);
        return replica;
    }

    private static List<String> ids(Replica replica) {
        return replica.visible().stream().map(Markup::id).toList();
    }

    private static void assertReject(ThrowableAssert.ThrowingCallable call, AnnotationErrorCode code) {
        assertThatThrownBy(call).isInstanceOf(OpRejected.class).extracting(e -> ((OpRejected) e).code()).isEqualTo(code);
    }
}
