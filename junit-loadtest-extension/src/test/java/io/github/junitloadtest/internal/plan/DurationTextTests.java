package io.github.junitloadtest.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTests {

    @ParameterizedTest
    @CsvSource({
        "500ms, 500",
        "30s, 30000",
        "2m, 120000",
        "1h, 3600000",
        "1h30m, 5400000",
        "1m30s, 90000",
        "1h2m3s4ms, 3723004",
        "0s, 0",
        "PT30S, 30000",
        "PT1M30S, 90000",
        "pt0.5s, 500",
        "' 10s ', 10000"
    })
    void readsEveryUnitTheCombinedFormAndIso8601(String text, long millis) {
        assertThat(DurationText.parse(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"60 sec", "-1s", "-5s", "10x", "", "  ", "1.5s", "30", "s", "30m1h", "PT-5S", "1s1h"})
    void rejectsAnythingElse(String text) {
        assertThat(DurationText.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "500, 500ms", "90000, 1m30s", "5400000, 1h30m", "3723004, 1h2m3s4ms"})
    void formatsWhatItReads(long millis, String text) {
        assertThat(DurationText.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(DurationText.parse(text)).contains(Duration.ofMillis(millis));
    }
}
