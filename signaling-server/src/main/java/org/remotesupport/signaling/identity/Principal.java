package org.remotesupport.signaling.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * Who a verified token speaks for: a signed-in {@link Staff} member or a {@link Customer} scoped to one
 * ticket (and, for an invite an agent made for a session, to that session). Immutable.
 */
public sealed interface Principal {

    /** A stable id: the account's username, or the customer's random id. */
    String subject();

    /** The name others see. */
    String displayName();

    /** When the token that carries this principal expires. */
    Instant expiresAt();

    /** An agent, supervisor, trainee or admin, signed in with a password. */
    record Staff(String username, String displayName, AccountRole role, Instant expiresAt) implements Principal {

        public Staff {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String subject() {
            return username;
        }
    }

    /**
     * A customer, who holds no account: the token was issued by an entry flow (invite link or help
     * page) for one ticket. {@code sessionId} is set when the invite was made for an open session.
     */
    record Customer(String customerId, String displayName, String ticketId, String sessionId, Instant expiresAt)
            implements Principal {

        public Customer {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String subject() {
            return customerId;
        }
    }
}
