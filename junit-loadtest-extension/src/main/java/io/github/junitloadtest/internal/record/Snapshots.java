package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.CheckResult;
import io.github.junitloadtest.api.ErrorSample;
import io.github.junitloadtest.api.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/** How the parts of two snapshots add up. */
final class Snapshots {

    private Snapshots() {}

    static Map<Outcome, Long> sum(Map<Outcome, Long> one, Map<Outcome, Long> other) {
        Map<Outcome, Long> sum = new EnumMap<>(Outcome.class);
        sum.putAll(one);
        other.forEach((outcome, count) -> sum.merge(outcome, count, Long::sum));
        return Collections.unmodifiableMap(sum);
    }

    /** The counts with every outcome present, zero for those not given, in the outcomes' order. */
    static Map<Outcome, Long> everyOutcome(Map<Outcome, Long> counts) {
        Map<Outcome, Long> all = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            all.put(outcome, counts.getOrDefault(outcome, 0L));
        }
        return Collections.unmodifiableMap(all);
    }

    static <K extends Comparable<K>> Map<K, Long> sumByKey(Map<K, Long> one, Map<K, Long> other) {
        Map<K, Long> sum = new TreeMap<>(one);
        other.forEach((key, count) -> sum.merge(key, count, Long::sum));
        return Collections.unmodifiableMap(sum);
    }

    /** Items of both lists, those with the same key added, in the order of their first appearance. */
    static <T> List<T> mergeBy(List<T> one, List<T> other, Function<T, Object> key, BinaryOperator<T> plus) {
        Map<Object, T> merged = new LinkedHashMap<>();
        for (T item : one) {
            merged.merge(key.apply(item), item, plus);
        }
        for (T item : other) {
            merged.merge(key.apply(item), item, plus);
        }
        return new ArrayList<>(merged.values());
    }

    /** The error samples of both, counts of the same message added, most frequent first, as bounded as one run's. */
    static List<ErrorSample> errors(List<ErrorSample> one, List<ErrorSample> other) {
        return mergeBy(
                        one,
                        other,
                        sample -> List.of(sample.outcome(), sample.message()),
                        (a, b) -> new ErrorSample(a.outcome(), a.message(), a.count() + b.count()))
                .stream()
                .sorted(ErrorSamples.ORDER)
                .limit(ErrorSamples.MAX_DISTINCT)
                .toList();
    }

    /**
     * The endpoints of both, by name; as in one run, at most {@link LatencyRecorder#MAX_ENDPOINTS}
     * names of their own, the busiest, and the rest in the remainder entry.
     */
    static List<EndpointSnapshot> endpoints(List<EndpointSnapshot> one, List<EndpointSnapshot> other) {
        List<EndpointSnapshot> merged = mergeBy(one, other, EndpointSnapshot::name, EndpointSnapshot::plus);
        List<EndpointSnapshot> named = merged.stream()
                .filter(endpoint -> !endpoint.name().equals(LatencyRecorder.OTHER_ENDPOINTS))
                .sorted(Comparator.comparingLong(EndpointSnapshot::requests)
                        .reversed()
                        .thenComparing(EndpointSnapshot::name))
                .toList();
        List<EndpointSnapshot> kept =
                new ArrayList<>(named.subList(0, Math.min(named.size(), LatencyRecorder.MAX_ENDPOINTS)));
        EndpointSnapshot rest = merged.stream()
                .filter(endpoint -> endpoint.name().equals(LatencyRecorder.OTHER_ENDPOINTS))
                .findFirst()
                .orElse(null);
        for (EndpointSnapshot extra : named.subList(kept.size(), named.size())) {
            EndpointSnapshot renamed = extra.named(LatencyRecorder.OTHER_ENDPOINTS);
            rest = rest == null ? renamed : rest.plus(renamed);
        }
        if (rest != null) {
            kept.add(rest);
        }
        return kept.stream()
                .sorted(Comparator.comparing(EndpointSnapshot::name))
                .toList();
    }

    static List<CheckResult> checks(List<CheckResult> one, List<CheckResult> other) {
        return mergeBy(
                        one,
                        other,
                        CheckResult::name,
                        (a, b) -> new CheckResult(a.name(), a.passes() + b.passes(), a.failures() + b.failures()))
                .stream()
                .sorted(Comparator.comparing(CheckResult::name))
                .toList();
    }
}
