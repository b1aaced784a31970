package org.remotesupport.signaling;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.remotesupport.signaling.identity.AccessTokens;
import org.remotesupport.signaling.identity.Account;
import org.remotesupport.signaling.identity.AccountRole;

/**
 * Tokens for test clients, issued by the server's own {@link AccessTokens}: each call is a fresh
 * identity, so tests never share an account by accident. Invite tokens come from the links the server
 * hands out.
 */
public final class TestIdentities {

    private final AccessTokens tokens;
    private final AtomicInteger sequence = new AtomicInteger();

    public TestIdentities(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** A token for a new agent account with this display name. */
    public String agent(String name) {
        return staff(name, AccountRole.AGENT);
    }

    /** A token for a new account of this role with this display name. */
    public String staff(String name, AccountRole role) {
        String username = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "-" + sequence.incrementAndGet();
        return tokens.issue(new Account(username, name, "unused", role, List.of("en"), List.of())).token();
    }

    /** A token for a customer of a new ticket who queues (its token names no session). */
    public String queuedCustomer(String name) {
        return tokens.issueCustomer(name, "ticket-" + sequence.incrementAndGet(), null).token();
    }

    /** The invite token in a link {@code {base}/s/{token}}. */
    public static String inviteToken(String link) {
        return link.substring(link.lastIndexOf("/s/") + 3);
    }
}
