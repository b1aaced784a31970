package org.remotesupport.signaling.identity;

import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a username and password against the {@link AccountStore}. An unknown username costs as much
 * time as a wrong password, so timing does not tell which usernames exist. Thread-safe; blocks for the
 * hash (tens of milliseconds at the default BCrypt cost).
 */
public final class PasswordLogin {

    private final AccountStore accounts;
    private final PasswordEncoder encoder;
    private final String unknownUserHash;

    public PasswordLogin(AccountStore accounts, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.unknownUserHash = encoder.encode("no account has this password");
    }

    /** The account, if the username exists and the password is its password. */
    public Optional<Account> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        Optional<Account> account = accounts.find(username);
        boolean matches = encoder.matches(password, account.map(Account::passwordHash).orElse(unknownUserHash));
        return matches ? account : Optional.empty();
    }
}
