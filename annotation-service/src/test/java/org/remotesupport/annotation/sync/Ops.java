package org.remotesupport.annotation.sync;

import java.util.List;
import org.remotesupport.protocol.annotation.Anchor;
import org.remotesupport.protocol.annotation.AnnotationClientMessage;
import org.remotesupport.protocol.annotation.Markup;
import org.remotesupport.protocol.annotation.MarkupType;
import org.remotesupport.protocol.annotation.OpKind;
import org.remotesupport.protocol.annotation.Point;

/** Client ops for tests. */
final class Ops {

    static final Anchor ANCHOR = new Anchor("camera", 90_000);

    private Ops() {
    }

    static Markup markup(String id, MarkupType type, Point... points) {
        return new Markup(id, type, "#ff3300", 4, List.of(points), type == MarkupType.TEXT ? "here" : null,
                type == MarkupType.STEP ? 1 : null, ANCHOR);
    }

    static AnnotationClientMessage.Op add(String opId, Markup markup) {
        return new AnnotationClientMessage.Op(opId, OpKind.ADD, markup, null, null, null, null);
    }

    static AnnotationClientMessage.Op arrow(String opId, String id) {
        return add(opId, markup(id, MarkupType.ARROW, new Point(0.1, 0.1), new Point(0.5, 0.5)));
    }

    static AnnotationClientMessage.Op stroke(String opId, String id, Point first) {
        return add(opId, markup(id, MarkupType.STROKE, first));
    }

    static AnnotationClientMessage.Op update(String opId, String id, Point... points) {
        return new AnnotationClientMessage.Op(opId, OpKind.UPDATE, null, id, List.of(points), null, null);
    }

    static AnnotationClientMessage.Op move(String opId, String id, double dx, double dy) {
        return new AnnotationClientMessage.Op(opId, OpKind.MOVE, null, id, null, dx, dy);
    }

    static AnnotationClientMessage.Op simple(String opId, OpKind kind, String markupId) {
        return new AnnotationClientMessage.Op(opId, kind, null, markupId, null, null, null);
    }
}
