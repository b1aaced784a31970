package org.remotesupport.signaling.recording;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.signaling.journal.SessionJournal;
import org.remotesupport.signaling.session.MessageSink;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SessionService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans of session recording: the index (in memory unless the application provides one, such as the
 * Redis index), the store (the configured directory, or an S3-compatible bucket with that directory as
 * the spool), the service, registered as a session listener, and the training library's tags and
 * notes over the index. Imported by the signaling auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RecordingProperties.class, LibraryProperties.class})
public class RecordingConfiguration {

    @Bean
    @ConditionalOnMissingBean(RecordingIndex.class)
    InMemoryRecordingIndex recordingIndex() {
        return new InMemoryRecordingIndex();
    }

    @Bean
    @ConditionalOnMissingBean(RecordingStore.class)
    RecordingStore recordingStore(RecordingProperties properties) {
        if (properties.storage() == RecordingProperties.Storage.S3) {
            // the S3 store closes its client when the context closes (inferred close method)
            return S3Stores.create(properties.s3(), properties.directory());
        }
        return new LocalDiskRecordingStore(properties.directory());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    RecordingService recordingService(RecordingProperties properties, SessionRegistry registry,
                                      SessionService sessions, RelayControl relay, MessageSink sink,
                                      RecordingIndex index, RecordingStore store, ObjectProvider<Clock> clock) {
        RecordingService service = new RecordingService(properties, registry, sessions, relay, sink, index, store,
                clock.getIfAvailable(Clock::systemUTC), new SecureRandom(),
                Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "signaling-recording")),
                Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "signaling-recording-purge")));
        sessions.addListener(service);
        return service;
    }

    @Bean
    SessionTimelineArchive sessionTimelineArchive(SessionJournal journal, RecordingService recordings,
                                                  SessionService sessions) {
        // stored with the recordings: a recording's timeline is kept as long as the recording
        SessionTimelineArchive archive = new SessionTimelineArchive(journal, recordings);
        sessions.addListener(archive);
        return archive;
    }

    @Bean
    RecordingLibrary recordingLibrary(RecordingIndex index, LibraryProperties limits, ObjectProvider<Clock> clock) {
        return new RecordingLibrary(index, limits, clock.getIfAvailable(Clock::systemUTC), new SecureRandom());
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
