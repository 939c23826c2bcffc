package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.Outcome;
import java.util.Map;

/** Figures of the iterations intended within one phase. */
final class PhaseRecorder {

    final String name;
    final LatencyPair latency = new LatencyPair();
    final LatencySeries lag = new LatencySeries();
    private final OutcomeCounts outcomes = new OutcomeCounts();

    PhaseRecorder(String name) {
        this.name = name;
    }

    void count(Outcome outcome) {
        outcomes.increment(outcome);
    }

    Map<Outcome, Long> outcomes() {
        return outcomes.sums();
    }
}
