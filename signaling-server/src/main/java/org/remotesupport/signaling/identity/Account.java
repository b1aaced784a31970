package org.remotesupport.signaling.identity;

import java.util.List;
import java.util.Objects;

/**
 * A person who signs in: agent, supervisor, trainee or admin. Immutable.
 *
 * @param username     unique sign-in name, 1 to 64 characters of {@code [a-z0-9._-]}
 * @param displayName  the name customers and colleagues see
 * @param passwordHash the password as hashed by the configured {@code PasswordEncoder} (BCrypt), never the password
 * @param role         what the account may do
 * @param languages    languages the person speaks, BCP 47 tags in lower case ({@code en}, {@code es}); agents are
 *                     matched on them
 * @param categories   product categories the person is skilled in; agents are preferred for them
 */
public record Account(String username, String displayName, String passwordHash, AccountRole role,
                      List<String> languages, List<String> categories) {

    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        languages = List.copyOf(languages);
        categories = List.copyOf(categories);
    }
}
