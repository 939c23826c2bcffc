package io.github.junitloadtest.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.support.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestDeadlinesTests {

    private static final long MILLI = 1_000_000;

    private final ManualClock clock = new ManualClock(0);
    private final List<String> expired = new ArrayList<>();

    private RequestDeadlines.Exchange exchange(String name, long deadlineNanos) {
        return new RequestDeadlines.Exchange() {
            @Override
            public long deadlineNanos() {
                return deadlineNanos;
            }

            @Override
            public void expire() {
                expired.add(name);
            }
        };
    }

    @Test
    void cutsExactlyTheExchangesWhoseDeadlineHasComeAndEachOnce() {
        try (RequestDeadlines deadlines = new RequestDeadlines(clock, false)) {
            RequestDeadlines.Exchange early = exchange("early", 100 * MILLI);
            RequestDeadlines.Exchange late = exchange("late", 300 * MILLI);
            RequestDeadlines.Exchange finished = exchange("finished", 50 * MILLI);
            deadlines.watch(early);
            deadlines.watch(late);
            deadlines.watch(finished);
            deadlines.forget(finished);

            clock.advanceMillis(99);
            assertThat(deadlines.expireDue()).isZero();
            clock.advanceMillis(1);
            assertThat(deadlines.expireDue()).isEqualTo(1);
            clock.advanceMillis(199);
            assertThat(deadlines.expireDue()).isZero();
            clock.advanceMillis(1);
            assertThat(deadlines.expireDue()).isEqualTo(1);
            assertThat(deadlines.expireDue()).isZero();
        }
        assertThat(expired).containsExactly("early", "late");
    }
}
