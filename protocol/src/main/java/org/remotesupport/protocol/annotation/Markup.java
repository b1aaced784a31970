package org.remotesupport.protocol.annotation;

import java.util.List;

/**
 * One markup as drawn: its id (chosen by the drawing client, unique in the session), type, colour
 * ({@code #rrggbb}), line width in CSS pixels at the receiver, points on the video picture, the
 * text of a label, the number of a step marker and the frame it is anchored to. Immutable.
 */
public record Markup(String id, MarkupType type, String color, double width, List<Point> points, String text,
                     Integer number, Anchor anchor) {

    public Markup {
        points = points == null ? List.of() : List.copyOf(points);
    }

    /** This markup with more points at the end (a stroke growing while the pen moves). */
    public Markup withMorePoints(List<Point> more) {
        List<Point> all = new java.util.ArrayList<>(points);
        all.addAll(more);
        return new Markup(id, type, color, width, all, text, number, anchor);
    }

    /** This markup moved by a delta in normalised units. */
    public Markup movedBy(double dx, double dy) {
        return new Markup(id, type, color, width, points.stream().map(p -> p.plus(dx, dy)).toList(), text, number,
                anchor);
    }
}
