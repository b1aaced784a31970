package org.remotesupport.protocol.annotation;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A position on the video picture itself, normalised to 0..1 on both axes (0,0 is the top left
 * corner of the picture, not of the element showing it); on the wire a two-element array {@code [x, y]}.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
public record Point(double x, double y) {

    /** Whether both coordinates are finite and inside the picture. */
    public boolean inPicture() {
        return Double.isFinite(x) && Double.isFinite(y) && x >= 0 && x <= 1 && y >= 0 && y <= 1;
    }

    /** This point moved by a delta, in the same normalised units. */
    public Point plus(double dx, double dy) {
        return new Point(x + dx, y + dy);
    }
}
