package org.remotesupport.media.cc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RembTest {

    @Test
    void writesTheBitrateAsExponentAndEighteenBitMantissa() {
        byte[] out = new byte[64];
        int length = Remb.write(out, 0, 0x01020304L, 1_500_000, new long[] {0xaabbccddL}, 1);

        // 1,500,000 = 187,500 (0x2dc6c) << 3: exponent 3, mantissa 0x2dc6c
        assertThat(HexFormat.of().formatHex(out, 0, length))
                .isEqualTo("8fce0005" + "01020304" + "00000000" + "52454d42" + "010edc6c" + "aabbccdd");
        assertThat(Remb.bitrate(out, 0, length)).isEqualTo(1_500_000);
    }

    @Test
    void smallValuesAreExactAndOtherFeedbackIsNotRemb() {
        byte[] out = new byte[64];
        int length = Remb.write(out, 0, 1, 30_000, new long[] {5, 6}, 2);
        assertThat(length).isEqualTo(28);
        assertThat(Remb.bitrate(out, 0, length)).isEqualTo(30_000);
        out[12] = 'X';
        assertThat(Remb.bitrate(out, 0, length)).isEqualTo(-1);
    }
}
