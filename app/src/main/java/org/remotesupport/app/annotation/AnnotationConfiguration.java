package org.remotesupport.app.annotation;

import org.remotesupport.signaling.session.ParticipantStore;
import org.remotesupport.signaling.session.SessionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Lets the annotation service ask the signaling server who is in which session. */
@Configuration(proxyBeanMethods = false)
public class AnnotationConfiguration {

    @Bean
    SignalingAnnotationAccess annotationAccess(SessionRegistry sessions, ParticipantStore participants) {
        return new SignalingAnnotationAccess(sessions, participants);
    }
}
