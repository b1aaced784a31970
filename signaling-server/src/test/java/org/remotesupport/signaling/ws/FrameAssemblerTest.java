package org.remotesupport.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.signaling.session.SignalingException;

class FrameAssemblerTest {

    @Test
    void partsAreJoinedUntilTheLast() {
        FrameAssembler frames = new FrameAssembler(100);

        assertThat(frames.append("{\"type\":", false)).isNull();
        assertThat(frames.append("\"ping\"}", true)).isEqualTo("{\"type\":\"ping\"}");
        assertThat(frames.append("{}", true)).isEqualTo("{}");
    }

    @Test
    void anOversizedMessageIsRefusedAtItsEndAndTheNextOneIsRead() {
        FrameAssembler frames = new FrameAssembler(10);

        assertThat(frames.append("0123456789", false)).isNull();
        assertThat(frames.append("x", false)).isNull();
        assertThatThrownBy(() -> frames.append("yz", true))
                .isInstanceOfSatisfying(SignalingException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
                    assertThat(e.getMessage()).contains("13 bytes");
                });
        assertThat(frames.append("0123456789", true)).isEqualTo("0123456789");
    }

    @Test
    void theLimitCountsUtf8Bytes() {
        String text = "aé€😀";
        assertThat(FrameAssembler.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);

        FrameAssembler frames = new FrameAssembler(9);
        assertThat(frames.append("é€😀", true)).isEqualTo("é€😀");
        assertThatThrownBy(() -> frames.append("aé€😀", true)).isInstanceOf(SignalingException.class);
    }
}
