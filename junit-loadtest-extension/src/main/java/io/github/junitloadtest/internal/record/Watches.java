package io.github.junitloadtest.internal.record;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts a run watches while it goes, fixed when it starts: how often each status a rule names
 * was answered, and how many corrected latencies reached each limit of a threshold that aborts.
 * Lock-free, for every worker at once.
 */
final class Watches {

    private final int[] statuses;
    private final LongAdder[] statusCounts;
    private final long[] limitsMicros;
    private final LongAdder[] atOrAbove;

    Watches(Set<Integer> statuses, long[] limitsMicros) {
        this.statuses = statuses.stream().mapToInt(Integer::intValue).sorted().toArray();
        this.statusCounts = adders(this.statuses.length);
        this.limitsMicros = limitsMicros.clone();
        this.atOrAbove = adders(limitsMicros.length);
    }

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    void latency(long correctedMicros) {
        for (int i = 0; i < limitsMicros.length; i++) {
            if (correctedMicros >= limitsMicros[i]) {
                atOrAbove[i].increment();
            }
        }
    }

    long atOrAbove(int limit) {
        return atOrAbove[limit].sum();
    }

    void status(int status) {
        int index = indexOf(status);
        if (index >= 0) {
            statusCounts[index].increment();
        }
    }

    long statusCount(int status) {
        int index = indexOf(status);
        return index < 0 ? 0 : statusCounts[index].sum();
    }

    Map<Integer, Long> statusCounts() {
        Map<Integer, Long> counts = new TreeMap<>();
        for (int i = 0; i < statuses.length; i++) {
            counts.put(statuses[i], statusCounts[i].sum());
        }
        return counts;
    }

    private int indexOf(int status) {
        for (int i = 0; i < statuses.length; i++) {
            if (statuses[i] == status) {
                return i;
            }
        }
        return -1;
    }
}
