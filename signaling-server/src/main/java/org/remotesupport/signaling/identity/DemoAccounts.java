package org.remotesupport.signaling.identity;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The accounts a fresh embedded server starts with, so that it can be tried at once; their passwords
 * are published in the README, so they are never seeded into a store that production uses unless
 * {@code remote-support.identity.demo-accounts} says so. Existing accounts are left as they are.
 */
public final class DemoAccounts {

    /** A demo account with its published password. */
    public record Demo(String username, String password, String displayName, AccountRole role,
                       List<String> languages, List<String> categories) {
    }

    /** The demo accounts, as listed in the README. */
    public static final List<Demo> ACCOUNTS = List.of(
            new Demo("ana", "ana-demo", "Ana", AccountRole.AGENT, List.of("en", "es"),
                    List.of("coffee-machines", "e-bikes")),
            new Demo("li", "li-demo", "Li", AccountRole.AGENT, List.of("zh", "en"),
                    List.of("smartphones", "coffee-machines")),
            new Demo("sam", "sam-demo", "Sam", AccountRole.SUPERVISOR, List.of("en"), List.of()),
            new Demo("tia", "tia-demo", "Tia", AccountRole.TRAINEE, List.of("en"), List.of()),
            new Demo("admin", "admin-demo", "Admin", AccountRole.ADMIN, List.of("en"), List.of()));

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private DemoAccounts() {
    }

    /** Adds the demo accounts that are missing from the store. */
    public static void seed(AccountStore store, PasswordEncoder encoder) {
        int added = 0;
        for (Demo demo : ACCOUNTS) {
            if (store.find(demo.username()).isEmpty() && store.create(new Account(demo.username(), demo.displayName(),
                    encoder.encode(demo.password()), demo.role(), demo.languages(), demo.categories()))) {
                added++;
            }
        }
        log.warn("{} demo accounts with published passwords are active (see the README); "
                + "set remote-support.identity.demo-accounts=false for real use", added);
    }
}
