package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.internal.format.Numbers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whether a report may say "approved for production", decided once for one test or a whole build:
 * never when a load test did not pass, and not offered at all for a scaled run or a stub, whose
 * figures say nothing about production however good they are.
 *
 * @param notPassed the load tests that did not pass
 * @param total all load tests
 * @param notOfferedBecause why approval is not offered, for example {@code "scaled run (durationScale 0.05)"};
 *     empty when it is
 */
public record Approval(long notPassed, long total, List<String> notOfferedBecause) {

    public Approval {
        notOfferedBecause = List.copyOf(notOfferedBecause);
    }

    /**
     * Decides.
     *
     * @param notPassed the load tests that did not pass
     * @param total all load tests
     * @param durationScales the duration scales of the tests that sent load
     * @param rateScales the rate scales of the tests that sent load
     * @param stub whether any of them went to a stub
     * @return the decision
     */
    public static Approval of(
            long notPassed,
            long total,
            Collection<Double> durationScales,
            Collection<Double> rateScales,
            boolean stub) {
        List<String> reasons = new ArrayList<>();
        List<String> scaled = durationScales.stream()
                .filter(scale -> scale != 1)
                .distinct()
                .sorted()
                .map(scale -> Numbers.format(scale, 4))
                .toList();
        if (!scaled.isEmpty()) {
            reasons.add("scaled run (durationScale " + String.join(", ", scaled) + ")");
        }
        List<String> rated = rateScales.stream()
                .filter(scale -> scale != 1)
                .distinct()
                .sorted()
                .map(scale -> Numbers.format(scale, 4))
                .toList();
        if (!rated.isEmpty()) {
            reasons.add("rate-scaled run (rateScale " + String.join(", ", rated) + ")");
        }
        if (stub) {
            reasons.add("embedded stub");
        }
        return new Approval(notPassed, total, reasons);
    }

    /** Whether every test passed on a full-length run against a real target. */
    public boolean approved() {
        return notPassed == 0 && notOfferedBecause.isEmpty();
    }

    /** Whether a test did not pass. */
    public boolean rejected() {
        return notPassed > 0;
    }

    /** Why approval is not offered: {@code "not offered: scaled run (durationScale 0.05), embedded stub"}. */
    public String notOffered() {
        return "not offered: " + String.join(", ", notOfferedBecause);
    }
}
