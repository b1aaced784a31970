package org.remotesupport.protocol.annotation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An op as the server committed it: its place in the session's order, who made it, when, what was
 * asked ({@code kind}, {@code target} for undo/redo) and its effect, resolved by the server so that
 * every client reaches the same state by applying effects in {@code seq} order without history:
 * add {@code markup}; append {@code points} to {@code markupId}; move {@code markupId} by
 * {@code dx,dy}; hide the ids in {@code hide}; show the ids in {@code show}.
 *
 * @param seq      position in the session's log, 1, 2, 3… without gaps
 * @param author   participant id of the author
 * @param opId     the author's id for the op (a resend with the same id is the same op)
 * @param at       when the server committed it, epoch milliseconds
 * @param kind     what the author asked for
 * @param target   for undo and redo: the seq of the op reverted or re-applied
 * @param markup   a markup to add
 * @param markupId the markup that gets {@code points} or is moved
 * @param points   points to append
 * @param dx       horizontal move, normalised
 * @param dy       vertical move, normalised
 * @param hide     markups that stop being visible
 * @param show     markups that become visible again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommittedOp(long seq, String author, String opId, long at, OpKind kind, Long target, Markup markup,
                          String markupId, List<Point> points, Double dx, Double dy, List<String> hide,
                          List<String> show) {

    /** The same op at another position (the store assigns the position). */
    public CommittedOp withSeq(long newSeq) {
        return new CommittedOp(newSeq, author, opId, at, kind, target, markup, markupId, points, dx, dy, hide, show);
    }
}
