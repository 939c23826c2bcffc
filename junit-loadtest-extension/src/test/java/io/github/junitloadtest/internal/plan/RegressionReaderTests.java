package io.github.junitloadtest.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.NoRegression;
import io.github.junitloadtest.api.NoRegression.Metric;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.lang.reflect.Method;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/** {@code @NoRegression} and the {@code loadtest.baseline.*} settings, read into the gate or named as problems. */
class RegressionReaderTests {

    private final MapSettings settings = new MapSettings();
    private final Map<String, String> properties = settings.systemProperties;

    @TempDir
    Path reports;

    @Test
    void eachMetricIsDeclaredOnceAndEveryRepeatIsNamed() {
        assertThatThrownBy(() -> resolve("p95ThreeTimes"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration errors (2):"
                        + "\n- @NoRegression(metric = P95) on method [Fixtures.p95ThreeTimes()] is declared twice;"
                        + " declare each metric once."
                        + "\n- @NoRegression(metric = P95) on method [Fixtures.p95ThreeTimes()] is declared twice;"
                        + " declare each metric once.");
    }

    @Test
    void aToleranceInTheWrongUnitSaysWhichUnitTheMetricTakes() {
        assertThatThrownBy(() -> resolve("tolerancesInTheWrongUnit"))
                .hasMessage("Configuration errors (2):"
                        + "\n- @NoRegression(metric = P95) on method [Fixtures.tolerancesInTheWrongUnit()] declares"
                        + " 'tolerance' [\"10\"]; expected a percentage such as \"10%\"."
                        + "\n- @NoRegression(metric = ERROR_RATE) on method [Fixtures.tolerancesInTheWrongUnit()]"
                        + " declares 'tolerance' [\"1%\"]; expected percentage points of the error rate, such as"
                        + " \"0.5pp\".");
    }

    @Test
    void tolerancesAreAShareOfALatencyAndPointsOfTheErrorRateWithTheirDefaults() throws Exception {
        Regression.Gate gate = resolve("tolerances").regressions();

        assertThat(gate.checks())
                .extracting(Regression::metric, Regression::tolerance)
                .containsExactly(
                        tuple(Metric.P95, 0.15),
                        tuple(Metric.P99, RegressionReader.DEFAULT_TOLERANCE),
                        tuple(Metric.ERROR_RATE, 2.0),
                        tuple(Metric.THROUGHPUT, RegressionReader.DEFAULT_TOLERANCE));
        assertThat(resolve("defaultErrorRate").regressions().checks())
                .extracting(Regression::tolerance)
                .containsExactly(RegressionReader.DEFAULT_RATE_TOLERANCE_POINTS);
    }

    @Test
    void aBaselineKeyIsTheTestUnlessNamedAndAnEmptyMinDeltaIsNone() throws Exception {
        assertThat(resolve("tolerances").regressions().checks())
                .extracting(Regression::key, Regression::minDelta)
                .containsExactly(
                        tuple("checkout", Duration.ZERO),
                        tuple("RegressionReaderTests.Fixtures.tolerances", Duration.ZERO),
                        tuple("RegressionReaderTests.Fixtures.tolerances", Duration.ofMillis(5)),
                        tuple("RegressionReaderTests.Fixtures.tolerances", Duration.ofMillis(5)));
    }

    @Test
    void aMinDeltaThatIsNotADurationIsRejected() {
        assertThatThrownBy(() -> resolve("minDeltaWithASpace"))
                .hasMessage("Configuration error: @NoRegression(metric = P95) on method [Fixtures.minDeltaWithASpace()]"
                        + " declares 'minDelta' [\"5 ms\"]; expected a duration such as \"5ms\", or \"\" for none.");
    }

    @Test
    void aConfidenceMustBeAboveOneHalfAndBelowOne() {
        assertThatThrownBy(() -> resolve("confidencesAtTheBounds"))
                .hasMessage("Configuration errors (3):"
                        + "\n- @NoRegression(metric = P95) on method [Fixtures.confidencesAtTheBounds()] must declare"
                        + " a 'confidence' above 0.5 and below 1, but was [0.5]; for example 0.99."
                        + "\n- @NoRegression(metric = P99) on method [Fixtures.confidencesAtTheBounds()] must declare"
                        + " a 'confidence' above 0.5 and below 1, but was [1.0]; for example 0.99."
                        + "\n- @NoRegression(metric = MEAN) on method [Fixtures.confidencesAtTheBounds()] must declare"
                        + " a 'confidence' above 0.5 and below 1, but was [NaN]; for example 0.99.");
    }

    @Test
    void theHistoryMustHoldAtLeastOneRunAndTheFewestAComparisonNeeds() {
        assertThatThrownBy(() -> resolve("badHistories"))
                .hasMessage("Configuration errors (3):"
                        + "\n- @NoRegression(metric = P95) on method [Fixtures.badHistories()] must declare 1 <="
                        + " minHistory <= history, but was minHistory [1], history [0]; for example history = 5,"
                        + " minHistory = 3."
                        + "\n- @NoRegression(metric = P99) on method [Fixtures.badHistories()] must declare 1 <="
                        + " minHistory <= history, but was minHistory [0], history [5]; for example history = 5,"
                        + " minHistory = 3."
                        + "\n- @NoRegression(metric = MEAN) on method [Fixtures.badHistories()] must declare 1 <="
                        + " minHistory <= history, but was minHistory [6], history [5]; for example history = 5,"
                        + " minHistory = 3.");
    }

    @Test
    void aNegativeNumberOfConfirmationsIsRejected() {
        assertThatThrownBy(() -> resolve("negativeConfirmations"))
                .hasMessage("Configuration error: @NoRegression(metric = P95) on method"
                        + " [Fixtures.negativeConfirmations()] must declare 'confirmRuns' from 0 to 3, but was [-1];"
                        + " for example confirmRuns = 1.");
    }

    @Test
    void theRecordSettingIsNeverOnPassOrAlwaysInAnyCase() throws Exception {
        assertThat(resolve("gated").regressions().record()).isEqualTo(Regression.RecordPolicy.NEVER);
        properties.put("loadtest.baseline.record", "Always");
        assertThat(resolve("gated").regressions().record()).isEqualTo(Regression.RecordPolicy.ALWAYS);
        properties.put("loadtest.baseline.record", " ONPASS ");
        assertThat(resolve("gated").regressions().record()).isEqualTo(Regression.RecordPolicy.ON_PASS);
        properties.put("loadtest.baseline.record", "never");
        assertThat(resolve("gated").regressions().record()).isEqualTo(Regression.RecordPolicy.NEVER);

        properties.put("loadtest.baseline.record", "on-pass");
        assertThatThrownBy(() -> resolve("gated"))
                .hasMessage("Configuration error: System property 'loadtest.baseline.record' must be never, onPass or"
                        + " always, but was [\"on-pass\"]; for example \"onPass\".");
    }

    @Test
    void aBaselineFolderThatIsNotAPathIsNamedWithTheReason() {
        String dir = "src/test\u0000baselines";
        properties.put("loadtest.baseline.dir", dir);
        String reason = catchThrowableOfType(InvalidPathException.class, () -> Path.of(dir))
                .getMessage();

        assertThatThrownBy(() -> resolve("gated"))
                .hasMessage("Configuration error: System property 'loadtest.baseline.dir' must name a folder, but was"
                        + " [\"" + dir + "\"]: " + reason + "; for example \"src/test/loadtest-baselines\".");
    }

    @Test
    void theBaselineFolderEnabledFlagAndEnvironmentAreRead() throws Exception {
        assertThat(resolve("gated").regressions())
                .extracting(Regression.Gate::dir, Regression.Gate::enabled, Regression.Gate::environment)
                .containsExactly(Path.of("src/test/loadtest-baselines"), true, Optional.empty());

        properties.put("loadtest.baseline.dir", " build/baselines ");
        properties.put("loadtest.baseline.enabled", "FALSE");
        properties.put("loadtest.baseline.environment", " staging ");
        assertThat(resolve("gated").regressions())
                .extracting(Regression.Gate::dir, Regression.Gate::enabled, Regression.Gate::environment)
                .containsExactly(Path.of("build/baselines"), false, Optional.of("staging"));

        properties.put("loadtest.baseline.enabled", "off");
        assertThatThrownBy(() -> resolve("gated"))
                .hasMessage("Configuration error: System property 'loadtest.baseline.enabled' must be true or false,"
                        + " but was [\"off\"]; for example false.");
    }

    @Test
    void badRegressionSettingsFailTheUsersTestBeforeAnyRequest() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(
                            BadRegressionTestCase.class,
                            server.baseUrl(),
                            reports,
                            Map.of("loadtest.baseline.record", "sometimes"))
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("gated"),
                                    finishedWithFailure(
                                            instanceOf(ExtensionConfigurationException.class),
                                            message("Configuration errors (2):"
                                                    + "\n- @NoRegression(metric = P95) on method"
                                                    + " [BadRegressionTestCase.gated(LoadHttp)] declares 'tolerance'"
                                                    + " [\"ten percent\"]; expected a percentage such as \"10%\"."
                                                    + "\n- Configuration parameter 'loadtest.baseline.record' must be"
                                                    + " never, onPass or always, but was [\"sometimes\"]; for example"
                                                    + " \"onPass\"."))));
            assertThat(server.requests()).isZero();
        }
    }

    private LoadPlan resolve(String methodName) throws NoSuchMethodException {
        Method method = Fixtures.class.getDeclaredMethod(methodName);
        return new LoadPlanResolver(settings).resolve(method);
    }

    @SuppressWarnings("unused")
    static class Fixtures {
        @LoadTest(rps = 10, duration = "10s")
        @NoRegression
        void gated() {}

        @LoadTest(rps = 10, duration = "10s")
        @NoRegression(metric = Metric.P95)
        @NoRegression(metric = Metric.P95, tolerance = "20%")
        @NoRegression(metric = Metric.P95, tolerance = "wrong, but never read")
        void p95ThreeTimes() {}

        @LoadTest(rps = 10, duration = "10s")
        @NoRegression(metric = Metric.P95, tolerance = "10")
        @NoRegression(metric = Metric.ERROR_RATE, tolerance = "1%")
        void tolerancesInTheWrongUnit() {}

        @LoadTest(rps = 10, duration = "10s")
        @NoRegression(metric = Metric.P95, tolerance = " 15 % ", minDelta = "", baseline = " checkout ")
        @NoRegression(metric = Metric.P99, minDelta = "")
        @NoRegression(metric = Metric.ERROR_RATE, tolerance = "2pp")
        @NoRegression(metric = Metric.THROUGHPUT)
        void tolerances() {}

        @LoadTest(rps = 10, duration = "10s")
        @NoRegression(metric = Metric.ERROR_RATE)
        void defaultErrorRate() {}

        @LoadTest(rps = 10, duration = "10s")
        @NoRegression(minDelta = "5 ms")
        void minDeltaWithASpace() {}

        @LoadTest(rps = 10, duration = "10s")
        @NoRegression(metric = Metric.P95, confidence = 0.5)
        @NoRegression(metric = Metric.P99, confidence = 1)
        @NoRegression(metric = Metric.MEAN, confidence = Double.NaN)
        void confidencesAtTheBounds() {}

        @LoadTest(rps = 10, duration = "10s")
        @NoRegression(metric = Metric.P95, history = 0, minHistory = 1)
        @NoRegression(metric = Metric.P99, minHistory = 0)
        @NoRegression(metric = Metric.MEAN, minHistory = 6)
        void badHistories() {}

        @LoadTest(rps = 10, duration = "10s")
        @NoRegression(confirmRuns = -1)
        void negativeConfirmations() {}
    }

    static class BadRegressionTestCase {
        @LoadTest(rps = 10, duration = "2s")
        @NoRegression(tolerance = "ten percent")
        void gated(LoadHttp http) {
            http.get("/never").expectStatus(200);
        }
    }
}
