package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.Outcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Iterations counted by outcome from many threads at once: one adder per outcome, made up front, so
 * that counting never allocates and never takes a lock.
 */
final class OutcomeCounts {

    private final Map<Outcome, LongAdder> adders = new EnumMap<>(Outcome.class);

    OutcomeCounts() {
        for (Outcome outcome : Outcome.values()) {
            adders.put(outcome, new LongAdder());
        }
    }

    void add(Outcome outcome, long count) {
        adder(outcome).add(count);
    }

    void increment(Outcome outcome) {
        adder(outcome).increment();
    }

    long sum(Outcome outcome) {
        return adder(outcome).sum();
    }

    /** Every outcome's count so far, zeros included. */
    Map<Outcome, Long> sums() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        adders.forEach((outcome, adder) -> counts.put(outcome, adder.sum()));
        return counts;
    }

    private LongAdder adder(Outcome outcome) {
        // Filled for every outcome in the constructor and never changed after, so reads need no lock.
        LongAdder adder = adders.get(outcome);
        if (adder == null) {
            throw new IllegalStateException("no counter for outcome " + outcome);
        }
        return adder;
    }
}
