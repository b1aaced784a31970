package org.remotesupport.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JoinCodesTest {

    @Test
    void codesComeFromTheUnambiguousAlphabet() {
        JoinCodes codes = new JoinCodes(new Random(7));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = codes.nextCode();
            assertThat(code).hasSize(10).doesNotContain("0", "O", "1", "I", "L");
            assertThat(JoinCodes.isWellFormed(code)).isTrue();
            seen.add(code);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void theSameRandomSourceGivesTheSameCodes() {
        assertThat(new JoinCodes(new Random(1)).nextCode()).isEqualTo(new JoinCodes(new Random(1)).nextCode());
        assertThat(new JoinCodes(new Random(1)).nextSessionId()).matches("[a-z0-9]{20}");
    }

    @Test
    void typedCodesAreNormalised() {
        assertThat(JoinCodes.normalize("abcde-fghjk")).isEqualTo("ABCDEFGHJK");
        assertThat(JoinCodes.normalize(" AB CD ")).isEqualTo("ABCD");
        assertThat(JoinCodes.isWellFormed("ABCDEFGHJ")).isFalse();
        assertThat(JoinCodes.isWellFormed("ABCDEFGHJI")).isFalse();
        assertThat(JoinCodes.isWellFormed("ABCDEFGHJK")).isTrue();
    }
}
