package org.remotesupport.media.sdp;

/** An m-line's direction attribute, from the point of view of the side that wrote the SDP. */
public enum Direction {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String attribute;

    Direction(String attribute) {
        this.attribute = attribute;
    }

    public String attribute() {
        return attribute;
    }

    /** Whether the writer of the SDP sends media on the line. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** Whether the writer of the SDP receives media on the line. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    static Direction fromAttribute(String attribute) {
        for (Direction direction : values()) {
            if (direction.attribute.equals(attribute)) {
                return direction;
            }
        }
        return null;
    }
}
