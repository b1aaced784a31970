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

    /** This markup with other points. */
    public Markup withPoints(List<Point> newPoints) {
        return new Markup(id, type, color, width, newPoints, text, number, anchor);
    }
}
