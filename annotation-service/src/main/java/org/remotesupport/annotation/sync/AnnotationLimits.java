package org.remotesupport.annotation.sync;

/**
 * The limits the service enforces on every client; immutable.
 *
 * @param opsPerSecond      ops a connection may push per second (a burst of this many is allowed)
 * @param pointersPerSecond pointer moves a connection may send per second
 * @param pointsPerStroke   most points one markup may reach
 * @param textLength        most characters in a label
 * @param markupsPerSession most markups a session may hold (hidden ones count)
 * @param messageBytes      largest text frame, UTF-8 bytes
 * @param resyncOps         most ops replayed to a joining client; further behind, it gets a snapshot
 */
public record AnnotationLimits(int opsPerSecond, int pointersPerSecond, int pointsPerStroke, int textLength,
                               int markupsPerSession, int messageBytes, int resyncOps) {

    /** The defaults of the sample configuration. */
    public static AnnotationLimits defaults() {
        return new AnnotationLimits(40, 60, 2000, 200, 500, 16 * 1024, 1000);
    }
}
