package org.remotesupport.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionIdsTest {

    @Test
    void idsAreTwentyCharactersOfLowerCaseLettersAndDigitsAndDoNotRepeat() {
        SessionIds ids = new SessionIds(new Random(7));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = ids.nextSessionId();
            assertThat(id).matches("[a-z0-9]{20}");
            seen.add(id);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void theSameRandomSourceGivesTheSameIds() {
        assertThat(new SessionIds(new Random(1)).nextSessionId()).isEqualTo(new SessionIds(new Random(1)).nextSessionId());
    }
}
