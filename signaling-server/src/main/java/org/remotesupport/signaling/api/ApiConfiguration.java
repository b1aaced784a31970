package org.remotesupport.signaling.api;

import org.remotesupport.signaling.SignalingProperties;
import org.remotesupport.signaling.entry.PhotoStore;
import org.remotesupport.signaling.identity.AccessTokens;
import org.remotesupport.signaling.identity.AccountStore;
import org.remotesupport.signaling.identity.IdentityProperties;
import org.remotesupport.signaling.identity.PasswordLogin;
import org.remotesupport.signaling.invite.InviteService;
import org.remotesupport.signaling.journal.CollaborationProperties;
import org.remotesupport.signaling.journal.SessionCollaboration;
import org.remotesupport.signaling.journal.SessionJournal;
import org.remotesupport.signaling.recording.MarkupTimelines;
import org.remotesupport.signaling.recording.RecordingLibrary;
import org.remotesupport.signaling.recording.RecordingService;
import org.remotesupport.signaling.recording.SessionTimelineArchive;
import org.springframework.beans.factory.ObjectProvider;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.ticket.TicketStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/** The REST API's routes; imported by the signaling auto-configuration. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

    @Bean
    RouterFunction<ServerResponse> signalingApiRoutes(PasswordLogin login, AccessTokens tokens, AccountStore accounts,
                                                      InviteService invites, SessionRegistry sessions,
                                                      TicketStore tickets, PhotoStore photos,
                                                      IdentityProperties identity, SignalingProperties signaling,
                                                      SessionJournal journal, SessionCollaboration collaboration,
                                                      CollaborationProperties collaborationProperties) {
        return new ApiRoutes(login, tokens, accounts, invites, sessions, tickets, photos,
                new ApiAuthentication(tokens, identity.apiKeys()), signaling.publicBaseUrl(), journal, collaboration,
                collaborationProperties.maxSnapshotSize().toBytes()).routes();
    }

    @Bean
    RouterFunction<ServerResponse> recordingApiRoutes(RecordingService recordings, AccessTokens tokens,
                                                      IdentityProperties identity,
                                                      ObjectProvider<MarkupTimelines> timelines,
                                                      SessionTimelineArchive events,
                                                      RecordingLibrary library) {
        return new RecordingRoutes(recordings, new ApiAuthentication(tokens, identity.apiKeys()),
                timelines.getIfAvailable(), events, library).routes();
    }

    @Bean
    RouterFunction<ServerResponse> sessionReportRoutes(SessionJournal journal, SessionRegistry sessions,
                                                       TicketStore tickets, RecordingService recordings,
                                                       AccessTokens tokens,
                                                       IdentityProperties identity,
                                                       ObjectProvider<MarkupTimelines> timelines) {
        return new ReportRoutes(journal, sessions, tickets, recordings, timelines.getIfAvailable(),
                new ApiAuthentication(tokens, identity.apiKeys())).routes();
    }
}
