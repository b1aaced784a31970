package org.remotesupport.signaling.identity;

import java.util.List;
import java.util.Optional;

/**
 * Where accounts are kept, shared by every signaling node. Every method is atomic on its own and may
 * be called from any thread.
 */
public interface AccountStore {

    /**
     * Stores a new account.
     *
     * @return false, storing nothing, if the username is taken (a shared store must check and write in
     *         one operation, e.g. {@code HSETNX} or {@code SET NX})
     */
    boolean create(Account account);

    /** Replaces a stored account (same username), e.g. after a password change; false if there is none. */
    boolean update(Account account);

    /** The account with this username, if any. */
    Optional<Account> find(String username);

    /** Every account, ordered by username. */
    List<Account> all();
}
