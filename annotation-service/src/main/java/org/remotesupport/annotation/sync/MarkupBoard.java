package org.remotesupport.annotation.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.remotesupport.protocol.annotation.CommittedOp;
import org.remotesupport.protocol.annotation.Markup;
import org.remotesupport.protocol.annotation.OpKind;

/**
 * The state a session's committed ops add up to: markups in drawing order, which are hidden, and
 * each author's undo and redo stacks. Ops go in through {@link #offer} in any order and any number
 * of times; they are applied once each, in seq order, so every replica that saw the same ops is in
 * the same state. Not thread-safe: the owner serialises access.
 */
public final class MarkupBoard {

    // markups without their points, and the points apart in growable lists: a stroke grows by a few
    // points per op, and copying the whole stroke on every op would make long strokes quadratic
    private final Map<String, Markup> markups = new LinkedHashMap<>();
    private final Map<String, List<org.remotesupport.protocol.annotation.Point>> points = new HashMap<>();
    private final Map<String, String> authors = new HashMap<>();
    private final Set<String> hidden = new LinkedHashSet<>();
    private final Map<Long, CommittedOp> undoable = new HashMap<>();
    private final Map<String, Deque<Long>> undo = new HashMap<>();
    private final Map<String, Deque<Long>> redo = new HashMap<>();
    private final Map<String, Long> opIds = new HashMap<>();
    // ops that arrived ahead of a gap, applied once the gap closes
    private final TreeMap<Long, CommittedOp> early = new TreeMap<>();
    private long lastSeq;

    /**
     * Takes a committed op: applies it if it is the next one, keeps it if it is early, ignores it if
     * it was applied already.
     *
     * @return the ops applied by this call, in seq order (empty for a duplicate or an early op)
     */
    public List<CommittedOp> offer(CommittedOp op) {
        if (op.seq() <= lastSeq) {
            return List.of();
        }
        early.put(op.seq(), op);
        List<CommittedOp> applied = new ArrayList<>();
        while (!early.isEmpty() && early.firstKey() == lastSeq + 1) {
            CommittedOp next = early.pollFirstEntry().getValue();
            apply(next);
            applied.add(next);
        }
        return applied;
    }

    private void apply(CommittedOp op) {
        if (op.markup() != null) {
            put(op.markup());
            authors.put(op.markup().id(), op.author());
        }
        if (op.points() != null && op.markupId() != null && points.containsKey(op.markupId())) {
            points.get(op.markupId()).addAll(op.points());
        }
        if (op.dx() != null && op.dy() != null && op.markupId() != null && points.containsKey(op.markupId())) {
            double dx = op.dx();
            double dy = op.dy();
            points.get(op.markupId()).replaceAll(p -> p.plus(dx, dy));
        }
        if (op.hide() != null) {
            hidden.addAll(op.hide());
        }
        if (op.show() != null) {
            op.show().forEach(hidden::remove);
        }
        Deque<Long> undos = undo.computeIfAbsent(op.author(), a -> new ArrayDeque<>());
        Deque<Long> redos = redo.computeIfAbsent(op.author(), a -> new ArrayDeque<>());
        switch (op.kind()) {
            case ADD, MOVE, DELETE, CLEAR -> {
                undoable.put(op.seq(), op);
                undos.push(op.seq());
                redos.clear();
            }
            case UNDO -> {
                undos.remove(op.target());
                redos.push(op.target());
            }
            case REDO -> {
                redos.remove(op.target());
                undos.push(op.target());
            }
            case UPDATE -> {
                // points belong to the add that started the stroke; undo removes the whole stroke
            }
        }
        opIds.put(op.author() + '\u0000' + op.opId(), op.seq());
        lastSeq = op.seq();
    }

    /** The seq of the newest applied op. */
    public long lastSeq() {
        return lastSeq;
    }

    /** The seq at which this author's op id was applied, if it was. */
    public Optional<Long> seqOf(String author, String opId) {
        return Optional.ofNullable(opIds.get(author + '\u0000' + opId));
    }

    private void put(Markup markup) {
        markups.put(markup.id(), markup.withPoints(List.of()));
        points.put(markup.id(), new ArrayList<>(markup.points()));
    }

    private Markup whole(Markup header) {
        return header.withPoints(points.get(header.id()));
    }

    /** The markup with this id, visible or hidden. */
    public Optional<Markup> markup(String id) {
        return Optional.ofNullable(markups.get(id)).map(this::whole);
    }

    /** The type of the markup with this id, without copying its points. */
    public Optional<org.remotesupport.protocol.annotation.MarkupType> typeOf(String id) {
        return Optional.ofNullable(markups.get(id)).map(Markup::type);
    }

    /** How many points the markup with this id has (0 if there is none). */
    public int pointCount(String id) {
        List<org.remotesupport.protocol.annotation.Point> list = points.get(id);
        return list == null ? 0 : list.size();
    }

    /** Who added the markup. */
    public Optional<String> authorOf(String markupId) {
        return Optional.ofNullable(authors.get(markupId));
    }

    /** Whether the markup exists and is visible. */
    public boolean isVisible(String markupId) {
        return markups.containsKey(markupId) && !hidden.contains(markupId);
    }

    /** How many markups were ever added (hidden ones count: an undo or redo may show them again). */
    public int markupCount() {
        return markups.size();
    }

    /** The visible markups in drawing order. */
    public List<Markup> visible() {
        return markups.values().stream().filter(m -> !hidden.contains(m.id())).map(this::whole).toList();
    }

    /** The hidden markups in drawing order. */
    public List<Markup> hidden() {
        return markups.values().stream().filter(m -> hidden.contains(m.id())).map(this::whole).toList();
    }

    /** The author's op that an undo would revert now. */
    public Optional<CommittedOp> nextUndo(String author) {
        Deque<Long> stack = undo.get(author);
        return stack == null || stack.isEmpty() ? Optional.empty() : Optional.of(undoable.get(stack.peek()));
    }

    /** The author's op that a redo would re-apply now. */
    public Optional<CommittedOp> nextRedo(String author) {
        Deque<Long> stack = redo.get(author);
        return stack == null || stack.isEmpty() ? Optional.empty() : Optional.of(undoable.get(stack.peek()));
    }

    /** Replaces this board's state with a snapshot's (a client far behind); op history restarts at {@code seq}. */
    public void resetTo(long seq, List<Markup> visibleMarkups, List<Markup> hiddenMarkups) {
        markups.clear();
        points.clear();
        hidden.clear();
        early.headMap(seq, true).clear();
        visibleMarkups.forEach(this::put);
        hiddenMarkups.forEach(m -> {
            put(m);
            hidden.add(m.id());
        });
        lastSeq = seq;
    }

    /** Whether this kind of op goes on the author's undo stack. */
    static boolean isUndoable(OpKind kind) {
        return kind == OpKind.ADD || kind == OpKind.MOVE || kind == OpKind.DELETE || kind == OpKind.CLEAR;
    }
}
