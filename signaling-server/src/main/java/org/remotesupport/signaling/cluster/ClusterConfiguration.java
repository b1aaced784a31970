package org.remotesupport.signaling.cluster;

import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.remotesupport.signaling.session.ParticipantService;
import org.remotesupport.signaling.session.ParticipantStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans that place this node in a cluster: its identity, the node-aware
 * {@link org.remotesupport.signaling.session.MessageSink}, the relay event router, the heartbeat and
 * what it does with the participants of nodes it finds dead,
 * on the {@link ParticipantDirectory} and {@link MessageBus} the application has (in memory unless
 * Redis is configured). With the in-memory bus the node is on its own and messages go straight to
 * its local connections. Imported by the signaling auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

    @Bean
    ClusterNode clusterNode(ClusterProperties properties) {
        return ClusterNode.of(properties, new SecureRandom());
    }

    @Bean(destroyMethod = "close")
    ClusterMessageSink messageSink(LocalConnections local, ParticipantDirectory directory, MessageBus bus) {
        if (bus instanceof InMemoryMessageBus) {
            return ClusterMessageSink.singleNode(local);
        }
        return ClusterMessageSink.clustered(local, directory, bus, singleThread("cluster-inbox"));
    }

    @Bean(destroyMethod = "close")
    RelayEventRouter relayEventRouter(ParticipantDirectory directory, MessageBus bus) {
        if (bus instanceof InMemoryMessageBus) {
            return RelayEventRouter.singleNode();
        }
        return RelayEventRouter.clustered(directory, bus, singleThread("cluster-relay-events"));
    }

    @Bean
    DroppedParticipantsOfDeadNodes droppedParticipantsOfDeadNodes(ParticipantStore store,
                                                                  ParticipantService participants) {
        return new DroppedParticipantsOfDeadNodes(store, participants);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    NodeHeartbeat nodeHeartbeat(ParticipantDirectory directory, LocalConnections local, ClusterProperties properties,
                                ObjectProvider<NodeFailureListener> listeners) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        return new NodeHeartbeat(directory, local, properties.heartbeatInterval(), scheduler,
                listeners.orderedStream().toList());
    }

    private static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
