package org.remotesupport.signaling.invite;

import org.remotesupport.signaling.SignalingProperties;
import org.remotesupport.signaling.identity.AccessTokens;
import org.remotesupport.signaling.identity.TokenSigner;
import org.remotesupport.signaling.ticket.TicketStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The invite service; imported by the signaling auto-configuration. */
@Configuration(proxyBeanMethods = false)
public class InviteConfiguration {

    @Bean
    InviteService inviteService(TokenSigner signer, AccessTokens tokens, InviteStore store, TicketStore tickets,
                                SignalingProperties properties) {
        return new InviteService(signer, tokens, store, tickets, properties.inviteTtl());
    }
}
