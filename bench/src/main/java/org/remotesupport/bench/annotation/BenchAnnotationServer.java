package org.remotesupport.bench.annotation;

import java.time.Instant;
import java.util.Optional;
import org.remotesupport.annotation.access.Access;
import org.remotesupport.annotation.access.AnnotationAccess;
import org.remotesupport.annotation.access.AnnotationRole;
import org.remotesupport.signaling.autoconfigure.SignalingAutoConfiguration;
import org.remotesupport.signaling.autoconfigure.SignalingRedisAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The annotation service alone, as the benchmark drives it: the real {@code /annotations} endpoint
 * and in-memory op log, with an access check that admits participants named {@code agent-*} as the
 * agent and any other as the customer of the session they name (the benchmark measures the op path,
 * not signaling; the signaling server, on the classpath for the pairing benchmark, is left out).
 */
@SpringBootApplication(exclude = {SignalingAutoConfiguration.class, SignalingRedisAutoConfiguration.class})
public class BenchAnnotationServer {

    @Bean
    AnnotationAccess benchAccess() {
        return (sessionId, participantId, token) -> Optional.of(new Access(participantId,
                participantId.startsWith("agent-") ? AnnotationRole.AGENT : AnnotationRole.CUSTOMER, Instant.now()));
    }
}
