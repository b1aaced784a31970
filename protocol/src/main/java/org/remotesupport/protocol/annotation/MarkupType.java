package org.remotesupport.protocol.annotation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The kinds of markup and how many points each takes; wire names are lower case. */
public enum MarkupType {
    /** From the first point to the second, head at the second. */
    ARROW("arrow", 2, 2),
    /** Inscribed in the box of two opposite corners. */
    ELLIPSE("ellipse", 2, 2),
    /** The box of two opposite corners. */
    RECTANGLE("rectangle", 2, 2),
    /** A freehand line; its points stream in while the pen moves and are smoothed when drawn. */
    STROKE("stroke", 1, Integer.MAX_VALUE),
    /** A text label whose top left corner is the one point. */
    TEXT("text", 1, 1),
    /** A numbered circle centred on the one point. */
    STEP("step", 1, 1),
    /** A wide translucent freehand line; streams like a stroke. */
    HIGHLIGHT("highlight", 1, Integer.MAX_VALUE);

    private final String wire;
    private final int minPoints;
    private final int maxPoints;

    MarkupType(String wire, int minPoints, int maxPoints) {
        this.wire = wire;
        this.minPoints = minPoints;
        this.maxPoints = maxPoints;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Fewest points a markup of this type carries. */
    public int minPoints() {
        return minPoints;
    }

    /** Most points a markup of this type carries, before the server's per-stroke limit. */
    public int maxPoints() {
        return maxPoints;
    }

    /** Whether {@code update} may append points to a markup of this type. */
    public boolean streams() {
        return maxPoints == Integer.MAX_VALUE;
    }

    /** The type with this wire name; unknown names fail deserialisation with a field error. */
    @JsonCreator
    public static MarkupType fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown markup type " + wire));
    }
}
