package io.github.junitloadtest.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.P95Below;
import io.github.junitloadtest.api.P99Below;
import io.github.junitloadtest.api.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class OverrideReaderTests {

    private static final String PREFIX = "loadtest.override.OverrideReaderTests.Fixtures.";

    private final MapSettings settings = new MapSettings();

    @Test
    void aTestsRateDurationWarmupAndLimitsAreSetFromOutsideAndSaidWithTheirSources() throws Exception {
        settings.configuration.put(PREFIX + "constant.rps", "50");
        settings.configuration.put(PREFIX + "constant.duration", "2s");
        settings.configuration.put(PREFIX + "constant.warmup", "500ms");
        settings.configuration.put(PREFIX + "constant.P95Below", "400");
        settings.configuration.put(PREFIX + "constant.ErrorRateBelow", "0.5");
        // A system property wins over a configuration parameter, as for every setting.
        settings.systemProperties.put(PREFIX + "constant.P95Below", "350");

        LoadPlan plan = resolve("constant");

        assertThat(plan.stages())
                .extracting(LoadPlan.PlanStage::duration, LoadPlan.PlanStage::from, LoadPlan.PlanStage::to)
                .containsExactly(tuple(Duration.ofSeconds(2), 50.0, 50.0));
        assertThat(plan.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(plan.thresholds())
                .extracting(Threshold::annotation, Threshold::perEndpoint, Threshold::limit)
                .containsExactlyInAnyOrder(
                        tuple("@P95Below", false, 350.0),
                        tuple("@P95Below", true, 900.0),
                        tuple("@P99Below", false, 1000.0),
                        tuple("@ErrorRateBelow", false, 0.5));
        assertThat(plan.overrides())
                .containsExactly(
                        "rps = 50 (configuration parameter '" + PREFIX + "constant.rps')",
                        "duration = 2s (configuration parameter '" + PREFIX + "constant.duration')",
                        "warmup = 500ms (configuration parameter '" + PREFIX + "constant.warmup')",
                        "P95Below = 350 (system property '" + PREFIX + "constant.P95Below')",
                        "ErrorRateBelow = 0.5 (configuration parameter '" + PREFIX + "constant.ErrorRateBelow')");
    }

    @Test
    void theRateScaleAppliesOnTopOfAnOverriddenRateAndUserCount() throws Exception {
        settings.configuration.put(PREFIX + "constant.rps", "50");
        settings.configuration.put(PREFIX + "users.users", "3");
        settings.configuration.put(LoadTest.RATE_SCALE_PROPERTY_NAME, "2");

        assertThat(resolve("constant").stages().get(0).to()).isEqualTo(100.0);
        assertThat(resolve("users").stages().get(0).to()).isEqualTo(6.0);
    }

    @Test
    void anOverrideThatWouldChangeNothingOrCannotApplyIsAConfigurationErrorNamingItsSetting() {
        settings.systemProperties.put(PREFIX + "constant.rsp", "50");
        settings.systemProperties.put(PREFIX + "constant.users", "5");
        settings.systemProperties.put(PREFIX + "constant.MaxBelow", "900");
        settings.systemProperties.put(PREFIX + "constant.P99Below", "fast");
        settings.systemProperties.put(PREFIX + "constant.ErrorRateBelow", "120");
        settings.systemProperties.put(PREFIX + "constant.duration", "0s");

        assertThatThrownBy(() -> resolve("constant"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration errors (6):\n"
                        + "- System property '" + PREFIX + "constant.rsp' overrides [\"rsp\"], which is no attribute"
                        + " that can be overridden; use one of ChecksAbove, ErrorRateBelow, MaxBelow, MeanBelow,"
                        + " P50Below, P90Below, P95Below, P999Below, P99Below, PercentileBelow, ThroughputAbove,"
                        + " duration, rps, users, warmup.\n"
                        + "- System property '" + PREFIX + "constant.users' overrides 'users', which the test does"
                        + " not declare; override 'rps'.\n"
                        + "- System property '" + PREFIX + "constant.duration' must be a positive duration, but was"
                        + " [\"0s\"]; for example " + DurationText.EXAMPLES + ".\n"
                        + "- System property '" + PREFIX + "constant.P99Below' must be a number, but was"
                        + " [\"fast\"]; for example a limit such as 400.\n"
                        + "- System property '" + PREFIX + "constant.MaxBelow' overrides @MaxBelow, which the test"
                        + " does not declare over its whole run; declare it on the method, for example"
                        + " @MaxBelow(500).\n"
                        + "- System property '" + PREFIX + "constant.ErrorRateBelow' must be a limit of 0 or more"
                        + " and at most 100, but was [120]; for example 400.");
    }

    @Test
    void aStagedLoadsDurationIsItsStagesAndCannotBeOverridden() {
        settings.configuration.put(PREFIX + "staged.duration", "1m");

        assertThatThrownBy(() -> resolve("staged"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration error: Configuration parameter '" + PREFIX + "staged.duration' overrides"
                        + " 'duration', which the test does not declare (its load is staged); override its stages in"
                        + " the code.");
    }

    private LoadPlan resolve(String name) throws NoSuchMethodException {
        return new LoadPlanResolver(settings).resolve(Fixtures.class.getDeclaredMethod(name, LoadHttp.class));
    }

    static class Fixtures {
        @LoadTest(rps = 10, duration = "1m", warmup = "5s", baseUrl = "http://127.0.0.1:8089")
        @P95Below(500)
        @P95Below(value = 900, perEndpoint = true)
        @P99Below(1000)
        @ErrorRateBelow(1)
        void constant(LoadHttp http) {}

        @LoadTest(users = 2, duration = "1m", baseUrl = "http://127.0.0.1:8089")
        void users(LoadHttp http) {}

        @LoadTest(
                stages = {@Stage(duration = "10s", rps = 10), @Stage(name = "spike", duration = "5s", rps = 20)},
                baseUrl = "http://127.0.0.1:8089")
        void staged(LoadHttp http) {}
    }
}
