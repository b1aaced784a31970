package org.remotesupport.signaling.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.signaling.FakeRelayControl;
import org.remotesupport.signaling.cluster.ClusterNode;
import org.remotesupport.signaling.cluster.ClusterProperties;
import org.remotesupport.signaling.cluster.InMemoryMessageBus;
import org.remotesupport.signaling.cluster.InMemoryParticipantDirectory;
import org.remotesupport.signaling.cluster.MessageBus;
import org.remotesupport.signaling.cluster.ParticipantDirectory;
import org.remotesupport.signaling.entry.DiskPhotoStore;
import org.remotesupport.signaling.entry.PhotoStore;
import org.remotesupport.signaling.identity.AccountStore;
import org.remotesupport.signaling.invite.InviteStore;
import org.remotesupport.signaling.presence.InMemoryPresenceStore;
import org.remotesupport.signaling.presence.PresenceStore;
import org.remotesupport.signaling.queue.ContactHistory;
import org.remotesupport.signaling.queue.InMemoryQueueStore;
import org.remotesupport.signaling.queue.QueueStore;
import org.remotesupport.signaling.session.InMemorySessionLocks;
import org.remotesupport.signaling.session.InMemorySessionRegistry;
import org.remotesupport.signaling.session.ParticipantStore;
import org.remotesupport.signaling.session.SessionLocks;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.store.redis.RedisAccountStore;
import org.remotesupport.signaling.store.redis.RedisContactHistory;
import org.remotesupport.signaling.store.redis.RedisInviteStore;
import org.remotesupport.signaling.store.redis.RedisMessageBus;
import org.remotesupport.signaling.store.redis.RedisParticipantDirectory;
import org.remotesupport.signaling.store.redis.RedisParticipantStore;
import org.remotesupport.signaling.store.redis.RedisPhotoStore;
import org.remotesupport.signaling.store.redis.RedisPresenceStore;
import org.remotesupport.signaling.store.redis.RedisProperties;
import org.remotesupport.signaling.store.redis.RedisQueueStore;
import org.remotesupport.signaling.store.redis.RedisSessionLocks;
import org.remotesupport.signaling.store.redis.RedisSessionRegistry;
import org.remotesupport.signaling.store.redis.RedisTicketStore;
import org.remotesupport.signaling.ticket.TicketStore;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** Which stores a node gets: Redis for every one when the URI is set, memory otherwise; and what it refuses. */
@ExtendWith(RedisServerExtension.class)
class SignalingRedisAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SignalingRedisAutoConfiguration.class,
                    SignalingAutoConfiguration.class))
            .withBean(RelayControl.class, FakeRelayControl::new)
            .withPropertyValues("remote-support.identity.token-secret=" + SECRET);
    private static final String SECRET = "redis-autoconfiguration-test-secret-of-32+-bytes";
    private final RedisServer redis;

    SignalingRedisAutoConfigurationTest(RedisServer redis) {
        this.redis = redis;
    }

    @Test
    void withoutAUriEverythingStaysInMemory() {
        for (String uri : new String[] {null, "", "  "}) {
            runner.withPropertyValues(uri == null ? "unrelated=1" : "remote-support.redis.uri=" + uri).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).getBean(SessionRegistry.class).isInstanceOf(InMemorySessionRegistry.class);
                assertThat(context).getBean(SessionLocks.class).isInstanceOf(InMemorySessionLocks.class);
                assertThat(context).getBean(ParticipantDirectory.class).isInstanceOf(InMemoryParticipantDirectory.class);
                assertThat(context).getBean(MessageBus.class).isInstanceOf(InMemoryMessageBus.class);
                assertThat(context).getBean(PresenceStore.class).isInstanceOf(InMemoryPresenceStore.class);
                assertThat(context).getBean(QueueStore.class).isInstanceOf(InMemoryQueueStore.class);
                assertThat(context).doesNotHaveBean(RedisProperties.class);
            });
        }
    }

    @Test
    void withRedisButNoTokenSecretTheNodeRefusesToStart() {
        // each node would sign with a random secret of its own, and refuse the tokens of the others
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SignalingRedisAutoConfiguration.class,
                        SignalingAutoConfiguration.class))
                .withBean(RelayControl.class, FakeRelayControl::new)
                .withPropertyValues("remote-support.redis.uri=" + redis.uri())
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("remote-support.redis.uri is set")
                        .hasMessageContaining("remote-support.identity.token-secret is not"));
        // a blank URI means in memory: one node, a random secret is allowed
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SignalingRedisAutoConfiguration.class,
                        SignalingAutoConfiguration.class))
                .withBean(RelayControl.class, FakeRelayControl::new)
                .withPropertyValues("remote-support.redis.uri= ")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aUriPutsEveryStoreTheLocksAndTheBusInRedis() {
        runner.withPropertyValues("remote-support.redis.uri=" + redis.uri(), "remote-support.cluster.node-id=node-7")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).getBean(SessionRegistry.class).isInstanceOf(RedisSessionRegistry.class);
                    assertThat(context).getBean(SessionLocks.class).isInstanceOf(RedisSessionLocks.class);
                    assertThat(context).getBean(ParticipantDirectory.class).isInstanceOf(RedisParticipantDirectory.class);
                    assertThat(context).getBean(MessageBus.class).isInstanceOf(RedisMessageBus.class);
                    assertThat(context).getBean(TicketStore.class).isInstanceOf(RedisTicketStore.class);
                    assertThat(context).getBean(AccountStore.class).isInstanceOf(RedisAccountStore.class);
                    assertThat(context).getBean(InviteStore.class).isInstanceOf(RedisInviteStore.class);
                    assertThat(context).getBean(PhotoStore.class).isInstanceOf(RedisPhotoStore.class);
                    assertThat(context).getBean(ParticipantStore.class).isInstanceOf(RedisParticipantStore.class);
                    assertThat(context).getBean(PresenceStore.class).isInstanceOf(RedisPresenceStore.class);
                    assertThat(context).getBean(QueueStore.class).isInstanceOf(RedisQueueStore.class);
                    assertThat(context).getBean(ContactHistory.class).isInstanceOf(RedisContactHistory.class);
                    assertThat(context.getBean(ClusterNode.class).id()).isEqualTo("node-7");
                    RedisProperties properties = context.getBean(RedisProperties.class);
                    assertThat(properties.keyPrefix()).isEqualTo("rs:");
                    assertThat(properties.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.sessionTtl()).isEqualTo(Duration.ofHours(12));
                    assertThat(properties.lockTtl()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(properties.lockWait()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.ticketRetention()).isEqualTo(Duration.ofDays(30));
                    // the heartbeat registered the node at start
                    assertThat(context.getBean(ParticipantDirectory.class).liveNodes()).contains("node-7");
                });
    }

    @Test
    void aConfiguredPhotoDirectoryKeepsPhotosOnDiskWithRedis() {
        runner.withPropertyValues("remote-support.redis.uri=" + redis.uri(),
                        "remote-support.entry.photo-dir=" + redis.directory().resolve("photos"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).getBean(PhotoStore.class).isInstanceOf(DiskPhotoStore.class);
                    assertThat(context).getBean(AccountStore.class).isInstanceOf(RedisAccountStore.class);
                });
    }

    @Test
    void aNodeWithoutAConfiguredIdGetsAUniqueOne() {
        runner.run(first -> runner.run(second -> {
            String one = first.getBean(ClusterNode.class).id();
            assertThat(one).matches("[a-z0-9.-]+-[a-z0-9]{6}");
            assertThat(second.getBean(ClusterNode.class).id()).isNotEqualTo(one);
            ClusterProperties properties = first.getBean(ClusterProperties.class);
            assertThat(properties.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.nodeTimeout()).isEqualTo(Duration.ofSeconds(15));
        }));
    }

    @Test
    void badSettingsStopTheStart() {
        String[][] bad = {
                {"remote-support.redis.uri=http://redis:6379", "uri"},
                {"remote-support.redis.uri=redis://", "uri"},
                {"remote-support.redis.key-prefix=has space", "keyPrefix"},
                {"remote-support.redis.command-timeout=0s", "commandTimeout"},
                {"remote-support.redis.lock-ttl=1ms", "lockTtl"},
                {"remote-support.cluster.node-id=bad id!", "nodeId"},
                {"remote-support.cluster.heartbeat-interval=10s", "nodeTimeout"},
        };
        for (String[] setting : bad) {
            String uri = setting[0].startsWith("remote-support.redis.uri") ? setting[0]
                    : "remote-support.redis.uri=" + redis.uri();
            runner.withPropertyValues(uri, setting[0]).run(context -> assertThat(context).getFailure()
                    .as(setting[0])
                    .rootCause().hasMessageContaining(setting[1]));
        }
    }

    @Test
    void anUnreachableRedisStopsTheStartWithItsAddress() {
        try (RedisServer stopped = RedisServer.start()) {
            String uri = stopped.uri();
            stopped.kill();
            runner.withPropertyValues("remote-support.redis.uri=" + uri, "remote-support.redis.command-timeout=500ms")
                    .run(context -> assertThat(context).getFailure()
                            .hasMessageContaining("cannot connect to Redis at 127.0.0.1:" + stopped.port()));
        }
    }
}
