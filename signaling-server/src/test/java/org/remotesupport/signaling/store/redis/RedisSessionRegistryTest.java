package org.remotesupport.signaling.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.session.JoinCode;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SessionRegistryContract;
import org.remotesupport.signaling.session.SupportSession;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The registry contract against Redis, each node with its own connection, and the keys it leaves there. */
@ExtendWith(RedisServerExtension.class)
class RedisSessionRegistryTest extends SessionRegistryContract {

    private static final Duration SESSION_TTL = Duration.ofHours(12);

    private final RedisFixture redis;

    RedisSessionRegistryTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected SessionRegistry newRegistry() {
        return anotherNode();
    }

    @Override
    protected SessionRegistry anotherNode() {
        return new RedisSessionRegistry(redis.connect(), redis.keys(), Clock.fixed(NOW, ZoneOffset.UTC), SESSION_TTL);
    }

    @Test
    void keysExpireWithTheCodeAndTheSessionTtl() {
        SessionRegistry registry = newRegistry();
        Member agent = new Member("agent1", Role.AGENT, "Ana");
        registry.create(SupportSession.open("s1", agent), new JoinCode("CODE", "s1", NOW.plusSeconds(600)));

        long codeTtl = Long.parseLong(redis.server().command("PTTL", "rs:code:CODE").substring(1));
        long sessionTtl = Long.parseLong(redis.server().command("PTTL", "rs:session:s1").substring(1));
        long indexTtl = Long.parseLong(redis.server().command("PTTL", "rs:participant:agent1:sessions").substring(1));
        // the code lives until it expires plus a minute's grace
        assertThat(codeTtl).isBetween(650_000L, 660_000L);
        assertThat(sessionTtl).isBetween(SESSION_TTL.toMillis() - 10_000, SESSION_TTL.toMillis());
        assertThat(indexTtl).isBetween(SESSION_TTL.toMillis() - 10_000, SESSION_TTL.toMillis());
        assertThat(redis.server().command("GET", "rs:session:s1"))
                .contains("\"code\":\"CODE\"").contains("\"agentId\":\"agent1\"");

        registry.remove("s1");
        assertThat(redis.server().command("DBSIZE")).as("keys left after the session ended: only the sequence")
                .isEqualTo(":1");
    }
}
