package org.remotesupport.signaling.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccountStore} promises, run against each implementation by a subclass;
 * {@link #anotherNode()} is the store as a second signaling node holds it.
 */
public abstract class AccountStoreContract {

    private static final Account ANA = new Account("ana", "Ana", "{bcrypt}$2a$10$x", AccountRole.AGENT,
            List.of("en", "es"), List.of("coffee-machines"));

    /** A new, empty store. */
    protected abstract AccountStore newStore();

    /** The store last made by {@link #newStore()}, as another node holds it. */
    protected abstract AccountStore anotherNode();

    @Test
    void anAccountIsCreatedOnceAndReadBackWhole() {
        AccountStore store = newStore();
        assertThat(store.create(ANA)).isTrue();
        assertThat(anotherNode().find("ana")).contains(ANA);
        assertThat(store.create(new Account("ana", "Other", "h", AccountRole.ADMIN, List.of(), List.of()))).isFalse();
        assertThat(store.find("ana")).contains(ANA);
        assertThat(store.find("nobody")).isEmpty();
    }

    @Test
    void onlyAnExistingAccountIsUpdated() {
        AccountStore store = newStore();
        Account changed = new Account("ana", "Ana B.", "{bcrypt}new", AccountRole.SUPERVISOR, List.of("de"), List.of());
        assertThat(store.update(changed)).isFalse();
        assertThat(store.find("ana")).isEmpty();

        store.create(ANA);
        assertThat(anotherNode().update(changed)).isTrue();
        assertThat(store.find("ana")).contains(changed);
    }

    @Test
    void allAccountsComeOrderedByUsername() {
        AccountStore store = newStore();
        for (String name : List.of("zoe", "ana", "max")) {
            store.create(new Account(name, name, "h", AccountRole.TRAINEE, List.of(), List.of()));
        }
        assertThat(anotherNode().all()).extracting(Account::username).containsExactly("ana", "max", "zoe");
    }

    @Test
    void ofTwoNodesCreatingOneUsernameExactlyOneSucceeds() throws Exception {
        AccountStore store = newStore();
        AccountStore other = anotherNode();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String username = "user" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    AccountStore node = i % 2 == 0 ? store : other;
                    Account account = new Account(username, "Name " + i, "h", AccountRole.AGENT, List.of(), List.of());
                    attempts.add(threads.submit(() -> {
                        start.await();
                        return node.create(account);
                    }));
                }
                start.countDown();
                int created = 0;
                for (Future<Boolean> attempt : attempts) {
                    created += attempt.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(created).as("creations of %s", username).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
