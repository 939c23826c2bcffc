package io.github.junitloadtest.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.support.Threads;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's warm-up: bounded, against its own loopback server only, and gone when it ends. */
class GeneratorWarmupTests {

    @Test
    void roundsSettleWhenTwoInARowAgreeAfterAtLeastThree() {
        assertThat(GeneratorWarmup.settled(List.of(200.0, 4.0))).isFalse();
        assertThat(GeneratorWarmup.settled(List.of(200.0, 40.0, 4.0))).isFalse();
        assertThat(GeneratorWarmup.settled(List.of(200.0, 4.0, 4.9))).isTrue();
        assertThat(GeneratorWarmup.settled(List.of(200.0, 4.0, 5.1))).isFalse();
        assertThat(GeneratorWarmup.settled(List.of(9.0, 1.0, 1.4)))
                .as("within 0.5 ms")
                .isTrue();
    }

    @Test
    void theTlsRoundsHandshakeWithTheWarmupsOwnCertificateWithinTheirBudgetAndLeaveNothingRunning() throws Exception {
        long start = System.nanoTime();
        GeneratorWarmup.Result result = GeneratorWarmup.runTls(false, GeneratorWarmup.TLS_BUDGET);
        System.out.printf(
                "tls-warmup figures: %d requests in %d ms%n",
                result.requests(), result.elapsed().toMillis());

        assertThat(result.requests())
                .as("requests over TLS, host names verified")
                .isPositive();
        assertThat(result.failed()).as("failed requests over TLS").isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GeneratorWarmup.TLS_BUDGET.plusMillis(2500));
        assertThat(Threads.leftoverLoadTestThreads()).isEmpty();
    }

    @Test
    void thePlainRoundsStayWithinTheirBudgetAndLeaveNothingRunning() throws Exception {
        long start = System.nanoTime();
        GeneratorWarmup.Result result = GeneratorWarmup.run(false, Duration.ofMillis(600));

        assertThat(result.requests()).isPositive();
        assertThat(result.failed()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600 + 2500));
        assertThat(Threads.leftoverLoadTestThreads()).isEmpty();
    }
}
