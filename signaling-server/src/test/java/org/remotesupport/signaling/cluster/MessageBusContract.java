package org.remotesupport.signaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageBus} promises, run against each implementation by a subclass;
 * {@link #anotherNode()} is the bus as a second node holds it (the same object in memory).
 */
public abstract class MessageBusContract {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    private MessageBus bus;

    protected abstract MessageBus newBus();

    /** The bus last made by {@link #newBus()}, as another node holds it. */
    protected abstract MessageBus anotherNode();

    @BeforeEach
    void create() {
        bus = newBus();
    }

    @Test
    void aMessageReachesEverySubscriberOfItsTopicOnEveryNode() throws InterruptedException {
        MessageBus other = anotherNode();
        BlockingQueue<String> here = new LinkedBlockingQueue<>();
        BlockingQueue<String> there = new LinkedBlockingQueue<>();
        BlockingQueue<String> elsewhere = new LinkedBlockingQueue<>();
        bus.subscribe("deliver.a", here::add);
        other.subscribe("deliver.a", there::add);
        other.subscribe("deliver.b", elsewhere::add);

        other.publish("deliver.a", "hello");

        assertThat(here.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("hello");
        assertThat(there.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("hello");
        // a marker on the other topic proves the first message had its chance to arrive there
        bus.publish("deliver.b", "marker");
        assertThat(elsewhere.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("marker");
    }

    @Test
    void messagesPublishedOneAfterAnotherFromSeveralNodesArriveInThatOrder() throws InterruptedException {
        MessageBus other = anotherNode();
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        bus.subscribe("deliver.a", received::add);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String message = "m" + i + " {\"json\": \"ü\"}";
            (i % 3 == 0 ? other : bus).publish("deliver.a", message);
            sent.add(message);
        }
        List<String> got = new ArrayList<>();
        while (got.size() < sent.size()) {
            String next = received.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(next).as("message %d", got.size()).isNotNull();
            got.add(next);
        }
        assertThat(got).containsExactlyElementsOf(sent);
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() throws InterruptedException {
        BlockingQueue<String> closed = new LinkedBlockingQueue<>();
        BlockingQueue<String> open = new LinkedBlockingQueue<>();
        MessageBus.Subscription subscription = bus.subscribe("deliver.a", closed::add);
        bus.subscribe("deliver.a", open::add);
        bus.publish("deliver.a", "first");
        assertThat(closed.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("first");
        assertThat(open.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("first");

        subscription.close();
        anotherNode().publish("deliver.a", "second");

        assertThat(open.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("second");
        assertThat(closed).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotKeepTheMessageFromTheOthers() throws InterruptedException {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        bus.subscribe("deliver.a", message -> {
            throw new IllegalStateException("listener bug");
        });
        bus.subscribe("deliver.a", received::add);
        anotherNode().publish("deliver.a", "one");
        anotherNode().publish("deliver.a", "two");
        assertThat(received.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("one");
        assertThat(received.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("two");
    }
}
