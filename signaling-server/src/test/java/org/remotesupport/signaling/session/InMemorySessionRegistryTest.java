package org.remotesupport.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemorySessionRegistryTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Member AGENT = new Member("agent1", Role.AGENT, "Ana");
    private static final Member CUSTOMER = new Member("cust1", Role.CUSTOMER, "Carla");

    private final InMemorySessionRegistry registry = new InMemorySessionRegistry();

    @Test
    void aCodeIsUsableOnceUntilItExpires() {
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("CODE", "s1", NOW.plusSeconds(60)));

        assertThat(registry.sessionIdForCode("CODE", NOW)).contains("s1");
        assertThat(registry.sessionIdForCode("CODE", NOW.plusSeconds(60))).isEmpty();
        assertThat(registry.redeem("CODE", CUSTOMER, NOW).orElseThrow().members()).containsExactly(AGENT, CUSTOMER);
        assertThat(registry.redeem("CODE", new Member("cust2", Role.CUSTOMER, "Eve"), NOW)).isEmpty();
        assertThat(registry.sessionIdForCode("CODE", NOW)).isEmpty();
    }

    @Test
    void anExpiredCodeCannotBeRedeemed() {
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("CODE", "s1", NOW));

        assertThat(registry.redeem("CODE", CUSTOMER, NOW)).isEmpty();
        assertThat(registry.find("s1").orElseThrow().members()).containsExactly(AGENT);
    }

    @Test
    void aTakenCodeOrSessionIdStoresNothing() {
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("CODE", "s1", NOW.plusSeconds(60)));

        assertThat(registry.create(SupportSession.open("s2", AGENT), new JoinCode("CODE", "s2", NOW.plusSeconds(60))))
                .isFalse();
        assertThat(registry.create(SupportSession.open("s1", AGENT), new JoinCode("OTHER", "s1", NOW.plusSeconds(60))))
                .isFalse();
        assertThat(registry.find("s2")).isEmpty();
        assertThat(registry.sessionIdForCode("OTHER", NOW)).isEmpty();
        assertThat(registry.sessionIdsOf(AGENT.participantId())).containsExactly("s1");
    }

    @Test
    void membershipAndMediaAreTracked() {
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("C1", "s1", NOW.plusSeconds(60)));
        registry.create(SupportSession.open("s2", AGENT), new JoinCode("C2", "s2", NOW.plusSeconds(60)));
        registry.redeem("C1", CUSTOMER, NOW);

        assertThat(registry.sessionIdsOf(AGENT.participantId())).containsExactly("s1", "s2");
        assertThat(registry.sessionIdsOf(CUSTOMER.participantId())).containsExactly("s1");
        assertThat(registry.setMedia("s1", CUSTOMER.participantId(), true).orElseThrow().hasMedia("cust1")).isTrue();
        assertThat(registry.setMedia("s2", CUSTOMER.participantId(), true)).isEmpty();

        SupportSession after = registry.removeMember("s1", CUSTOMER.participantId()).orElseThrow();
        assertThat(after.members()).containsExactly(AGENT);
        assertThat(after.withMedia()).isEmpty();
        assertThat(registry.sessionIdsOf(CUSTOMER.participantId())).isEmpty();
        assertThat(registry.removeMember("s1", CUSTOMER.participantId())).isEmpty();
    }

    @Test
    void removingASessionRemovesItsUnusedCodeAndMemberships() {
        registry.create(SupportSession.open("s1", AGENT), new JoinCode("C1", "s1", NOW.plusSeconds(60)));

        assertThat(registry.remove("s1").orElseThrow().sessionId()).isEqualTo("s1");
        assertThat(registry.remove("s1")).isEmpty();
        assertThat(registry.sessionIdForCode("C1", NOW)).isEmpty();
        assertThat(registry.sessionIdsOf(AGENT.participantId())).isEmpty();
        assertThat(registry.size()).isZero();
        // the code is free again
        assertThat(registry.create(SupportSession.open("s2", AGENT), new JoinCode("C1", "s2", NOW.plusSeconds(60))))
                .isTrue();
    }
}
