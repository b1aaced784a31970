package org.remotesupport.signaling.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.StoreRace;

/**
 * What every {@link ContactHistory} promises, run against each implementation by a subclass;
 * {@link #anotherNode()} is the store as a second signaling node holds it.
 */
public abstract class ContactHistoryContract {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    protected abstract ContactHistory newStore();

    /** The store last made by {@link #newStore()}, as another node holds it. */
    protected abstract ContactHistory anotherNode();

    @Test
    void theLastAgentAndTheNumberOfContactsAreKept() {
        ContactHistory history = newStore();
        assertThat(history.find("ord-1")).isEmpty();
        history.record("ord-1", "ana", NOW);
        anotherNode().record("ord-1", "max", NOW.plusSeconds(60));

        assertThat(history.find("ord-1")).contains(new Contact("ord-1", "max", NOW.plusSeconds(60), 2));
        assertThat(anotherNode().find("ord-2")).isEmpty();
    }

    @Test
    void contactsRecordedAtOnceOnSeveralNodesAreAllCounted() throws Exception {
        ContactHistory history = newStore();
        ContactHistory other = anotherNode();
        List<Callable<Boolean>> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ContactHistory node = i % 2 == 0 ? history : other;
            String agent = "agent" + i;
            records.add(() -> {
                node.record("ord-1", agent, NOW);
                return true;
            });
        }
        StoreRace.race(records);
        assertThat(history.find("ord-1").orElseThrow().count()).isEqualTo(12);
    }
}
