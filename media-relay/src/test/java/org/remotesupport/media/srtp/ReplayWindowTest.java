package org.remotesupport.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void refusesRepeatsAndPacketsOlderThanTheWindowButTakesLateRetransmissions() {
        ReplayWindow window = new ReplayWindow();
        assertThat(window.refuses(100)).isFalse();
        window.accept(100);
        for (int s = 102; s < 700; s++) {
            window.accept(s);
        }
        assertThat(window.refuses(100)).as("a repeat").isTrue();
        assertThat(window.refuses(101)).as("lost, resent 598 packets later (past jitsi-srtp's 64)").isFalse();
        window.accept(101);
        assertThat(window.refuses(101)).isTrue();
        window.accept(1200);
        assertThat(window.refuses(150)).as("older than 1,024 packets").isTrue();
        assertThat(window.refuses(700)).as("never seen, within the window").isFalse();
        assertThat(window.refuses(1201)).isFalse();
    }

    @Test
    void followsTheSequenceAcrossTheWrap() {
        ReplayWindow window = new ReplayWindow();
        window.accept(65530);
        window.accept(65535);
        window.accept(3);
        assertThat(window.refuses(65535)).isTrue();
        assertThat(window.refuses(1)).isFalse();
        assertThat(window.refuses(3)).isTrue();
    }
}
