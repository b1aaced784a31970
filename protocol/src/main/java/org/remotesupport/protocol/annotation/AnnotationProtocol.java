package org.remotesupport.protocol.annotation;

/**
 * The one version constant of the annotation protocol on {@code /annotations}; a client states it
 * in {@code join} and the server refuses any other value. Bump it on every incompatible change.
 */
public final class AnnotationProtocol {

    /** The version this build speaks. */
    public static final int VERSION = 1;

    private AnnotationProtocol() {
    }
}
