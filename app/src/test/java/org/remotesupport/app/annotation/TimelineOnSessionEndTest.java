package org.remotesupport.app.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotesupport.annotation.access.Access;
import org.remotesupport.annotation.access.AnnotationRole;
import org.remotesupport.annotation.log.InMemoryOpLogStore;
import org.remotesupport.annotation.sync.AnnotationLimits;
import org.remotesupport.annotation.sync.AnnotationService;
import org.remotesupport.protocol.annotation.Anchor;
import org.remotesupport.protocol.annotation.AnnotationClientMessage;
import org.remotesupport.protocol.annotation.AnnotationCodec;
import org.remotesupport.protocol.annotation.Markup;
import org.remotesupport.protocol.annotation.MarkupType;
import org.remotesupport.protocol.annotation.OpKind;
import org.remotesupport.protocol.annotation.Point;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SupportSession;

class TimelineOnSessionEndTest {

    @Test
    void writesTheTimelineRelativeToTheSessionStartThenDropsTheLog(@TempDir Path dir) throws Exception {
        Instant start = Instant.parse("2026-11-21T10:00:00Z");
        InMemoryOpLogStore store = new InMemoryOpLogStore();
        AnnotationService service = new AnnotationService(store, AnnotationLimits.defaults(),
                Clock.fixed(start.plusMillis(1500), ZoneOffset.UTC), new AnnotationCodec());
        service.push("s1", new Access("a1", AnnotationRole.AGENT, start), new AnnotationClientMessage.Op("o1", OpKind.ADD,
                new Markup("m1", MarkupType.STEP, "#ffffff", 2, List.of(new Point(0.5, 0.5)), null, 1,
                        new Anchor("cam", 9)), null, null, null, null));
        SupportSession session = new SupportSession("s1", "a1", List.of(new Member("a1", Role.AGENT, "Ann")), Set.of(),
                null, start, Set.of(), Map.of(), Map.of());

        new TimelineOnSessionEnd(service, dir, null).sessionEnded(session, "agent_left", start.plusSeconds(60));

        JsonNode timeline = new ObjectMapper().readTree(dir.resolve("s1.json").toFile());
        assertThat(timeline.path("entries").get(0).path("offsetMs").asLong()).isEqualTo(1500);
        assertThat(timeline.path("entries").get(0).path("op").path("markup").path("number").asInt()).isEqualTo(1);
        assertThat(store.lastSeq("s1")).isZero();
    }
}
