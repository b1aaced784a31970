package org.remotesupport.signaling.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a username and password against the {@link AccountStore}. An unknown username costs as much
 * time as a wrong password, so timing does not tell which usernames exist. Failed attempts are
 * counted per username and per client address in the shared {@link AttemptCounter}; past either
 * limit, sign-in is refused for the rest of the window without looking at the password, so that
 * guessing costs an attacker time and the server no hashing. Thread-safe; blocks for the hash (tens
 * of milliseconds at the default BCrypt cost).
 */
public final class PasswordLogin {

    /**
     * How many failed sign-ins are allowed in one window.
     *
     * @param perUsername failed attempts for one username
     * @param perAddress  failed attempts from one client address
     * @param window      how long the attempts are counted from the first one
     */
    public record Limits(int perUsername, int perAddress, Duration window) {
    }

    private final AccountStore accounts;
    private final PasswordEncoder encoder;
    private final String unknownUserHash;
    private final AttemptCounter attempts;
    private final Limits limits;
    private final Clock clock;

    public PasswordLogin(AccountStore accounts, PasswordEncoder encoder, AttemptCounter attempts, Limits limits,
                         Clock clock) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.attempts = attempts;
        this.limits = limits;
        this.clock = clock;
        this.unknownUserHash = encoder.encode("no account has this password");
    }

    /**
     * The account, if the username exists and the password is its password.
     *
     * @param clientAddress the address the request came from, as the servlet container sees it
     * @throws SignInLimitedException if too many attempts failed for this username or from this address
     */
    public Optional<Account> authenticate(String username, String password, String clientAddress) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        String userKey = "sign-in:user:" + username.toLowerCase(Locale.ROOT);
        String addressKey = "sign-in:address:" + clientAddress;
        refuseIfOver(attempts.current(userKey).orElse(null), limits.perUsername(), "this username");
        refuseIfOver(attempts.current(addressKey).orElse(null), limits.perAddress(), "this address");
        // counted before the password is checked, so that parallel guesses cannot all slip under the
        // limit; a success takes its attempt back
        AttemptCounter.Window user = attempts.record(userKey, limits.window());
        AttemptCounter.Window address = attempts.record(addressKey, limits.window());
        if (user.attempts() > limits.perUsername()) {
            refuse(user, "this username");
        }
        if (address.attempts() > limits.perAddress()) {
            refuse(address, "this address");
        }
        Optional<Account> account = accounts.find(username);
        boolean matches = encoder.matches(password, account.map(Account::passwordHash).orElse(unknownUserHash));
        if (!matches) {
            return Optional.empty();
        }
        attempts.reset(userKey);
        attempts.forgive(addressKey);
        return account;
    }

    private void refuseIfOver(AttemptCounter.Window window, int limit, String whose) {
        if (window != null && window.attempts() >= limit) {
            refuse(window, whose);
        }
    }

    private void refuse(AttemptCounter.Window window, String whose) {
        Duration left = Duration.between(clock.instant(), window.endsAt());
        long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
        throw new SignInLimitedException("too many failed sign-ins for " + whose + "; try again in " + seconds
                + " seconds", Duration.ofSeconds(seconds));
    }
}
