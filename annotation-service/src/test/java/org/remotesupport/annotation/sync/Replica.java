package org.remotesupport.annotation.sync;

import java.util.ArrayList;
import java.util.List;
import org.remotesupport.annotation.sync.Subscriber;
import org.remotesupport.protocol.annotation.AnnotationCodec;
import org.remotesupport.protocol.annotation.AnnotationServerMessage;
import org.remotesupport.protocol.annotation.CommittedOp;
import org.remotesupport.protocol.annotation.Markup;

/** A client's copy of a session's markups, fed by what the service delivers; thread-safe. */
final class Replica implements Subscriber {

    private final AnnotationCodec codec = new AnnotationCodec();
    private final MarkupBoard board = new MarkupBoard();
    private final List<AnnotationServerMessage> messages = new ArrayList<>();

    @Override
    public synchronized void deliver(String json) {
        try {
            AnnotationServerMessage message = codec.readServer(json);
            messages.add(message);
            if (message instanceof AnnotationServerMessage.Ops ops) {
                ops.ops().forEach(board::offer);
            } else if (message instanceof AnnotationServerMessage.Snapshot snapshot) {
                board.resetTo(snapshot.seq(), snapshot.markups(), snapshot.hidden());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized void offer(CommittedOp op) {
        board.offer(op);
    }

    synchronized long lastSeq() {
        return board.lastSeq();
    }

    synchronized List<Markup> visible() {
        return board.visible();
    }

    synchronized List<Markup> hidden() {
        return board.hidden();
    }

    synchronized List<AnnotationServerMessage> messages() {
        return List.copyOf(messages);
    }

    synchronized <T extends AnnotationServerMessage> List<T> messages(Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
