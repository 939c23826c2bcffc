package io.github.junitloadtest.internal.record;

import java.util.ArrayList;
import java.util.List;

/**
 * What became of a run's arrivals and requests, and how the run ended.
 *
 * @param scheduled arrivals due (iterations started, in a closed model); a run that stopped early
 *     counts only those it reached
 * @param sent arrivals that started an iteration
 * @param late arrivals that found every worker busy and waited for one
 * @param measuredScheduled arrivals planned after the warm-up
 * @param measuredSent of those, the ones that started
 * @param unfinished iterations that never finished, even after being interrupted at the end
 * @param interrupted whether the run was stopped by an interrupt
 * @param aborted why the run was stopped early, or empty
 * @param requestsSent requests written to an open connection, the warm-up's included
 * @param requestsNotSent requests admitted but never written
 * @param requestsRefused requests refused before any connection
 * @param sentPerSecond arrivals that went out in each whole second after the schedule's start, warm-up
 *     included; empty for a closed model
 * @param duePerSecond arrivals due in each whole second after the schedule's start; empty for a closed
 *     model
 */
public record Accounting(
        long scheduled,
        long sent,
        long late,
        long measuredScheduled,
        long measuredSent,
        long unfinished,
        boolean interrupted,
        String aborted,
        long requestsSent,
        long requestsNotSent,
        long requestsRefused,
        List<Long> sentPerSecond,
        List<Long> duePerSecond) {

    public Accounting {
        sentPerSecond = List.copyOf(sentPerSecond);
        duePerSecond = List.copyOf(duePerSecond);
    }

    /** Arrivals never started: {@code scheduled - sent}. */
    public long dropped() {
        return scheduled - sent;
    }

    /**
     * Two generators' accounts of the same plan, added; the run stopped early if either did.
     *
     * @param other the other generator's account
     * @return the sum
     */
    public Accounting plus(Accounting other) {
        String reasons = aborted.isEmpty()
                ? other.aborted
                : other.aborted.isEmpty() || other.aborted.equals(aborted) ? aborted : aborted + "; " + other.aborted;
        return new Accounting(
                scheduled + other.scheduled,
                sent + other.sent,
                late + other.late,
                measuredScheduled + other.measuredScheduled,
                measuredSent + other.measuredSent,
                unfinished + other.unfinished,
                interrupted || other.interrupted,
                reasons,
                requestsSent + other.requestsSent,
                requestsNotSent + other.requestsNotSent,
                requestsRefused + other.requestsRefused,
                sum(sentPerSecond, other.sentPerSecond),
                sum(duePerSecond, other.duePerSecond));
    }

    /** Two series of the same seconds, added second by second. */
    private static List<Long> sum(List<Long> mine, List<Long> theirs) {
        List<Long> sum = new ArrayList<>(Math.max(mine.size(), theirs.size()));
        for (int second = 0; second < Math.max(mine.size(), theirs.size()); second++) {
            sum.add((second < mine.size() ? mine.get(second) : 0) + (second < theirs.size() ? theirs.get(second) : 0));
        }
        return sum;
    }
}
