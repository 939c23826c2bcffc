package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.CheckResult;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/** Passes and failures of each named check; bounded, so memory stays flat. */
final class CheckCounts {

    static final int MAX_CHECKS = 100;
    static final String OTHER_CHECKS = "(other checks)";

    private final ConcurrentMap<String, LongAdder[]> counts = new ConcurrentHashMap<>();
    private final RedactedTexts redacted;

    CheckCounts(RedactedTexts redacted) {
        this.redacted = redacted;
    }

    void record(String rawName, boolean passed) {
        // Keyed by the name reported, so names that differ only in a secret share one slot.
        String name = redacted.of(rawName);
        LongAdder[] pair = counts.get(name);
        if (pair == null) {
            String key = counts.size() < MAX_CHECKS ? name : OTHER_CHECKS;
            pair = counts.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        }
        pair[passed ? 0 : 1].increment();
    }

    List<CheckResult> results() {
        return counts.entrySet().stream()
                .map(entry -> new CheckResult(entry.getKey(), entry.getValue()[0].sum(), entry.getValue()[1].sum()))
                .sorted(Comparator.comparing(CheckResult::name))
                .toList();
    }
}
