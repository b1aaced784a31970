package org.remotesupport.protocol.annotation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What an author asked for with an op; wire names are lower case. */
public enum OpKind {
    /** Draws a new markup. */
    ADD("add"),
    /** Appends points to the author's own streaming markup (a stroke while the pen moves). */
    UPDATE("update"),
    /** Moves a markup by a delta. */
    MOVE("move"),
    /** Removes a markup. */
    DELETE("delete"),
    /** Removes every visible markup. */
    CLEAR("clear"),
    /** Reverts the author's newest add, move, delete or clear that is not undone yet. */
    UNDO("undo"),
    /** Re-applies the author's newest undone op, unless the author did something new since. */
    REDO("redo");

    private final String wire;

    OpKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The kind with this wire name; unknown names fail deserialisation. */
    @JsonCreator
    public static OpKind fromWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown op kind " + wire));
    }
}
