package org.remotesupport.protocol.signaling;

/**
 * The one version constant of the signaling protocol; a client states it in {@code hello} and the
 * server refuses any other value. Bump it on every incompatible change to a message.
 */
public final class ProtocolVersion {

    /** The version this build speaks. */
    public static final int CURRENT = 2;

    private ProtocolVersion() {
    }
}
