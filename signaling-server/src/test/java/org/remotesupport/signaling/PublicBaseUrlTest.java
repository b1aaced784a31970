package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A configured public URL, not the request's host, starts the invite link. */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "remote-support.signaling.public-base-url=https://support.example.com/help/")
class PublicBaseUrlTest {

    @LocalServerPort
    int port;

    @Autowired
    TestIdentities identities;

    @Test
    void theLinkStartsWithThePublicBaseUrl() {
        try (TestClient agent = TestClient.greeted(port, identities.agent("Ana"))) {
            ServerMessage.SessionCreated created = agent.request(new ClientMessage.SessionCreate("c"),
                    ServerMessage.SessionCreated.class);

            assertThat(created.link())
                    .isEqualTo("https://support.example.com/help/s/" + TestIdentities.inviteToken(created.link()))
                    .hasSizeGreaterThan("https://support.example.com/help/s/".length() + 100);
        }
    }
}
