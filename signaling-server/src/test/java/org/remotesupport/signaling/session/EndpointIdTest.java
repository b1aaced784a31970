package org.remotesupport.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointIdTest {

    @Test
    void anEndpointIdNamesItsSessionAndParticipant() {
        EndpointId id = new EndpointId("s1", "p1");

        assertThat(id.value()).isEqualTo("s1.p1");
        assertThat(EndpointId.parse(id.value())).contains(id);
    }

    @Test
    void foreignIdsAreNotParsed() {
        assertThat(EndpointId.parse(null)).isEmpty();
        assertThat(EndpointId.parse("nodot")).isEmpty();
        assertThat(EndpointId.parse(".p1")).isEmpty();
        assertThat(EndpointId.parse("s1.")).isEmpty();
        assertThat(EndpointId.parse("s1.p1.x")).isEmpty();
    }
}
