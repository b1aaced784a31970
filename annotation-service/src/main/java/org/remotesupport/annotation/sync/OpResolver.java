package org.remotesupport.annotation.sync;

import static org.remotesupport.protocol.annotation.AnnotationErrorCode.DUPLICATE_MARKUP;
import static org.remotesupport.protocol.annotation.AnnotationErrorCode.INVALID_FIELD;
import static org.remotesupport.protocol.annotation.AnnotationErrorCode.NOTHING_TO_REDO;
import static org.remotesupport.protocol.annotation.AnnotationErrorCode.NOTHING_TO_UNDO;
import static org.remotesupport.protocol.annotation.AnnotationErrorCode.NOT_AUTHOR;
import static org.remotesupport.protocol.annotation.AnnotationErrorCode.TEXT_TOO_LONG;
import static org.remotesupport.protocol.annotation.AnnotationErrorCode.TOO_MANY_MARKUPS;
import static org.remotesupport.protocol.annotation.AnnotationErrorCode.TOO_MANY_POINTS;
import static org.remotesupport.protocol.annotation.AnnotationErrorCode.UNKNOWN_MARKUP;

import java.util.List;
import java.util.regex.Pattern;
import org.remotesupport.protocol.annotation.AnnotationClientMessage;
import org.remotesupport.protocol.annotation.CommittedOp;
import org.remotesupport.protocol.annotation.Markup;
import org.remotesupport.protocol.annotation.MarkupType;
import org.remotesupport.protocol.annotation.Point;

/**
 * Checks an op an author pushed against the schema, the limits and the session's current state,
 * and turns it into the effect the server commits (see {@link CommittedOp}). Stateless; called
 * under the session's lock.
 */
final class OpResolver {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final int MAX_TRACK = 128;
    private static final int MAX_STEP = 999;

    private final AnnotationLimits limits;

    OpResolver(AnnotationLimits limits) {
        this.limits = limits;
    }

    CommittedOp resolve(MarkupBoard board, String author, AnnotationClientMessage.Op op, long now)
            throws OpRejected {
        if (op.opId() == null || !ID.matcher(op.opId()).matches()) {
            throw new OpRejected(INVALID_FIELD, "opId must be 1 to 64 letters, digits or _ . : -");
        }
        if (op.kind() == null) {
            throw new OpRejected(INVALID_FIELD, "kind is required");
        }
        return switch (op.kind()) {
            case ADD -> add(board, author, op, now);
            case UPDATE -> update(board, author, op, now);
            case MOVE -> move(board, author, op, now);
            case DELETE -> {
                String id = existing(board, op.markupId());
                yield effect(author, op, now, null, null, null, null, null, null, List.of(id), null);
            }
            case CLEAR -> effect(author, op, now, null, null, null, null, null, null,
                    board.visible().stream().map(Markup::id).toList(), null);
            case UNDO -> undo(board, author, op, now);
            case REDO -> redo(board, author, op, now);
        };
    }

    private CommittedOp add(MarkupBoard board, String author, AnnotationClientMessage.Op op, long now)
            throws OpRejected {
        Markup m = op.markup();
        if (m == null) {
            throw new OpRejected(INVALID_FIELD, "add needs a markup");
        }
        if (m.id() == null || !ID.matcher(m.id()).matches()) {
            throw new OpRejected(INVALID_FIELD, "markup.id must be 1 to 64 letters, digits or _ . : -");
        }
        if (board.typeOf(m.id()).isPresent()) {
            throw new OpRejected(DUPLICATE_MARKUP, "the session already has a markup " + m.id());
        }
        if (board.markupCount() >= limits.markupsPerSession()) {
            throw new OpRejected(TOO_MANY_MARKUPS, "a session holds at most " + limits.markupsPerSession() + " markups");
        }
        MarkupType type = m.type();
        if (type == null) {
            throw new OpRejected(INVALID_FIELD, "markup.type is required");
        }
        if (m.color() == null || !COLOR.matcher(m.color()).matches()) {
            throw new OpRejected(INVALID_FIELD, "markup.color must be #rrggbb");
        }
        if (!Double.isFinite(m.width()) || m.width() < 0.5 || m.width() > 64) {
            throw new OpRejected(INVALID_FIELD, "markup.width must be 0.5 to 64");
        }
        if (m.points().size() > limits.pointsPerStroke()) {
            throw new OpRejected(TOO_MANY_POINTS, "a markup has at most " + limits.pointsPerStroke() + " points");
        }
        if (m.points().size() < type.minPoints() || m.points().size() > type.maxPoints()) {
            throw new OpRejected(INVALID_FIELD, "a " + type.wire() + " has " + type.minPoints()
                    + (type.streams() ? " or more points" : " to " + type.maxPoints() + " points"));
        }
        checkPoints(m.points());
        if (m.text() != null && m.text().length() > limits.textLength()) {
            throw new OpRejected(TEXT_TOO_LONG, "a label has at most " + limits.textLength() + " characters");
        }
        if (type == MarkupType.TEXT && (m.text() == null || m.text().isBlank())) {
            throw new OpRejected(INVALID_FIELD, "a text markup needs text");
        }
        if (type == MarkupType.STEP && (m.number() == null || m.number() < 1 || m.number() > MAX_STEP)) {
            throw new OpRejected(INVALID_FIELD, "a step marker needs a number from 1 to " + MAX_STEP);
        }
        if (m.anchor() == null || m.anchor().track() == null || m.anchor().track().isEmpty()
                || m.anchor().track().length() > MAX_TRACK || m.anchor().frameTs() < 0) {
            throw new OpRejected(INVALID_FIELD, "markup.anchor needs a track (1 to 128 characters) and a frameTs >= 0");
        }
        return effect(author, op, now, m, null, null, null, null, null, null, null);
    }

    private CommittedOp update(MarkupBoard board, String author, AnnotationClientMessage.Op op, long now)
            throws OpRejected {
        String id = existing(board, op.markupId());
        MarkupType type = board.typeOf(id).orElseThrow();
        if (!author.equals(board.authorOf(id).orElse(null))) {
            throw new OpRejected(NOT_AUTHOR, "only the author of " + id + " adds points to it");
        }
        if (!type.streams()) {
            throw new OpRejected(INVALID_FIELD, "a " + type.wire() + " takes no more points");
        }
        if (op.points() == null || op.points().isEmpty()) {
            throw new OpRejected(INVALID_FIELD, "update needs points");
        }
        if ((long) board.pointCount(id) + op.points().size() > limits.pointsPerStroke()) {
            throw new OpRejected(TOO_MANY_POINTS, "a markup has at most " + limits.pointsPerStroke() + " points");
        }
        checkPoints(op.points());
        return effect(author, op, now, null, id, List.copyOf(op.points()), null, null, null, null, null);
    }

    private CommittedOp move(MarkupBoard board, String author, AnnotationClientMessage.Op op, long now)
            throws OpRejected {
        String id = existing(board, op.markupId());
        if (op.dx() == null || op.dy() == null || !Double.isFinite(op.dx()) || !Double.isFinite(op.dy())
                || Math.abs(op.dx()) > 1 || Math.abs(op.dy()) > 1) {
            throw new OpRejected(INVALID_FIELD, "move needs dx and dy from -1 to 1");
        }
        return effect(author, op, now, null, id, null, op.dx(), op.dy(), null, null, null);
    }

    private CommittedOp undo(MarkupBoard board, String author, AnnotationClientMessage.Op op, long now)
            throws OpRejected {
        CommittedOp target = board.nextUndo(author)
                .orElseThrow(() -> new OpRejected(NOTHING_TO_UNDO, "nothing to undo"));
        return switch (target.kind()) {
            case ADD -> effect(author, op, now, null, null, null, null, null, target.seq(),
                    List.of(target.markup().id()), null);
            case MOVE -> effect(author, op, now, null, target.markupId(), null, -target.dx(), -target.dy(),
                    target.seq(), null, null);
            default -> effect(author, op, now, null, null, null, null, null, target.seq(), null, target.hide());
        };
    }

    private CommittedOp redo(MarkupBoard board, String author, AnnotationClientMessage.Op op, long now)
            throws OpRejected {
        CommittedOp target = board.nextRedo(author)
                .orElseThrow(() -> new OpRejected(NOTHING_TO_REDO, "nothing to redo"));
        return switch (target.kind()) {
            case ADD -> effect(author, op, now, null, null, null, null, null, target.seq(), null,
                    List.of(target.markup().id()));
            case MOVE -> effect(author, op, now, null, target.markupId(), null, target.dx(), target.dy(),
                    target.seq(), null, null);
            default -> effect(author, op, now, null, null, null, null, null, target.seq(), target.hide(), null);
        };
    }

    private static String existing(MarkupBoard board, String markupId) throws OpRejected {
        if (markupId == null || !ID.matcher(markupId).matches()) {
            throw new OpRejected(INVALID_FIELD, "markupId must be 1 to 64 letters, digits or _ . : -");
        }
        if (board.typeOf(markupId).isEmpty()) {
            throw new OpRejected(UNKNOWN_MARKUP, "no markup " + markupId + " in this session");
        }
        return markupId;
    }

    private static void checkPoints(List<Point> points) throws OpRejected {
        for (Point p : points) {
            if (p == null || !p.inPicture()) {
                throw new OpRejected(INVALID_FIELD, "points are [x, y] with both from 0 to 1");
            }
        }
    }

    private static CommittedOp effect(String author, AnnotationClientMessage.Op op, long now, Markup markup,
                                      String markupId, List<Point> points, Double dx, Double dy, Long target,
                                      List<String> hide, List<String> show) {
        return new CommittedOp(0, author, op.opId(), now, op.kind(), target, markup, markupId, points, dx, dy, hide,
                show);
    }
}
