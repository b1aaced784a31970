package org.remotesupport.app.annotation;

import org.remotesupport.annotation.sync.AnnotationService;
import org.remotesupport.app.StorageProperties;
import org.remotesupport.signaling.recording.RecordingService;
import org.remotesupport.signaling.session.ParticipantStore;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SessionService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets the annotation service ask the signaling server who is in which session, and exports a
 * session's markup timeline when the session ends and reads it back for the recording player.
 */
@Configuration(proxyBeanMethods = false)
public class AnnotationConfiguration {

    @Bean
    SignalingAnnotationAccess annotationAccess(SessionRegistry sessions, ParticipantStore participants) {
        return new SignalingAnnotationAccess(sessions, participants);
    }

    @Bean
    TimelineOnSessionEnd timelineOnSessionEnd(ObjectProvider<AnnotationService> annotations, SessionService sessions,
                                              StorageProperties storage, ObjectProvider<RecordingService> recordings) {
        TimelineOnSessionEnd listener = new TimelineOnSessionEnd(annotations.getObject(),
                storage.dataDir().resolve("timelines"), recordings.getIfAvailable());
        sessions.addListener(listener);
        return listener;
    }

    @Bean
    FileMarkupTimelines markupTimelines(ObjectProvider<AnnotationService> annotations, StorageProperties storage) {
        return new FileMarkupTimelines(annotations.getObject(), storage.dataDir().resolve("timelines"));
    }
}
