package org.remotesupport.annotation.log;

/** The dedupe key of an op: its author and the author's op id, which no participant id can forge. */
final class OpKeys {

    private OpKeys() {
    }

    static String of(String author, String opId) {
        // participant ids contain no NUL, so the pair cannot collide with another author's
        return author + '\u0000' + opId;
    }
}
