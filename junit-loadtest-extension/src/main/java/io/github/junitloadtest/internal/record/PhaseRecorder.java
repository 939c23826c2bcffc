package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.Outcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Figures of the iterations intended within one phase. */
final class PhaseRecorder {

    final String name;
    final LatencyPair latency = new LatencyPair();
    final LatencySeries lag = new LatencySeries();
    private final LongAdder[] outcomes = new LongAdder[Outcome.values().length];

    PhaseRecorder(String name) {
        this.name = name;
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = new LongAdder();
        }
    }

    void count(Outcome outcome) {
        outcomes[outcome.ordinal()].increment();
    }

    Map<Outcome, Long> outcomes() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, outcomes[outcome.ordinal()].sum());
        }
        return counts;
    }
}
