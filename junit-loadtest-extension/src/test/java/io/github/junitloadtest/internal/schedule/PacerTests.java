package io.github.junitloadtest.internal.schedule;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PacerTests {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aPendingInterruptStopsTheSchedulerEvenWhenItIsBehind() {
        Pacer pacer = Pacer.parking(() -> 1_000);
        Thread.currentThread().interrupt();

        // The deadline has passed (the scheduler is catching up), so nothing parks; the interrupt must still count.
        assertThatThrownBy(() -> pacer.awaitNanos(500)).isInstanceOf(InterruptedException.class);
    }
}
