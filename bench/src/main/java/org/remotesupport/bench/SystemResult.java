package org.remotesupport.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything measured for one system in a run: its description, the steps in order, the SRTP
 * profile its sessions negotiated, its own counters at the end, and the error that ended the ramp
 * early, if any. Immutable.
 */
public record SystemResult(String name, String description, String srtpProfile, List<StepResult> steps,
                           Map<String, Long> counters, String error) {

    public SystemResult {
        steps = List.copyOf(steps);
        counters = Map.copyOf(counters);
    }

    /** The step with K sessions, or null when the system did not run it. */
    public StepResult step(int sessions) {
        return steps.stream().filter(s -> s.sessions() == sessions).findFirst().orElse(null);
    }
}
