package io.github.junitloadtest.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.P95Below;
import io.github.junitloadtest.api.P999Below;
import io.github.junitloadtest.api.PercentileBelow;
import io.github.junitloadtest.api.ThroughputAbove;
import io.github.junitloadtest.internal.plan.Threshold.Kind;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class LoadPlanResolverTests {

    private final MapSettings settings = new MapSettings();
    private final Map<String, String> systemProperties = settings.systemProperties;
    private final Map<String, String> environment = settings.environment;
    private final Map<String, String> configuration = settings.configuration;

    @Test
    void resolvesEveryAttributeAndThreshold() throws Exception {
        LoadPlan plan = resolve("complete");

        assertThat(plan.testId()).isEqualTo("LoadPlanResolverTests.Fixtures.complete");
        assertThat(plan.constantRps()).isEqualTo(16.7);
        assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(plan.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(plan.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.maxInFlight()).isEqualTo(50);
        assertThat(plan.baseUrl()).contains(URI.create("http://attribute.test:8080"));
        assertThat(plan.reportDir()).isEqualTo(Path.of("target/loadtest"));
        assertThat(plan.thresholds())
                .containsExactly(
                        Threshold.percentile(95, 500, "@P95Below"),
                        Threshold.percentile(99.9, 900, "@P999Below"),
                        Threshold.percentile(99.99, 800, "@PercentileBelow"),
                        Threshold.percentile(75, 300, "@PercentileBelow"),
                        Threshold.of(Kind.ERROR_RATE, 1.0, "@ErrorRateBelow"),
                        Threshold.of(Kind.THROUGHPUT, 15, "@ThroughputAbove"));
    }

    @Test
    void baseUrlComesFromSystemPropertyThenEnvironmentThenConfigurationThenPublishedThenAttribute() throws Exception {
        assertThat(resolve("complete").baseUrl()).contains(URI.create("http://attribute.test:8080"));
        settings.published = Optional.of("http://127.0.0.1:8089");
        assertThat(resolve("complete").baseUrl()).contains(URI.create("http://127.0.0.1:8089"));
        configuration.put("loadtest.baseUrl", "http://configuration.test");
        assertThat(resolve("complete").baseUrl()).contains(URI.create("http://configuration.test"));
        environment.put("BASE_URL", "https://environment.test");
        assertThat(resolve("complete").baseUrl()).contains(URI.create("https://environment.test"));
        systemProperties.put("loadtest.baseUrl", "http://property.test");
        assertThat(resolve("complete").baseUrl()).contains(URI.create("http://property.test"));
    }

    @Test
    void durationScaleShortensDurationAndWarmupButNotRateOrTimeout() throws Exception {
        configuration.put("loadtest.durationScale", "0.1");

        LoadPlan plan = resolve("complete");

        assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(6));
        assertThat(plan.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(plan.constantRps()).isEqualTo(16.7);
        assertThat(plan.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.durationScale()).isEqualTo(0.1);
    }

    @Test
    void rateScaleMultipliesRatesUsersAndThroughputLimitsButNotDurationsOrLatencyLimits() throws Exception {
        configuration.put("loadtest.rateScale", "3");

        LoadPlan open = resolve("complete");
        assertThat(open.constantRps()).isCloseTo(50.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(open.rateScale()).isEqualTo(3.0);
        assertThat(open.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(open.thresholds())
                .filteredOn(threshold -> threshold.kind() == Threshold.Kind.THROUGHPUT)
                .singleElement()
                .extracting(Threshold::limit)
                .isEqualTo(45.0);
        assertThat(open.thresholds())
                .filteredOn(threshold -> threshold.annotation().equals("@P95Below"))
                .singleElement()
                .extracting(Threshold::limit)
                .isEqualTo(500.0);

        configuration.put("loadtest.rateScale", "0.5");
        LoadPlan closed = resolve("users");
        // 5 users at half the load are 3, rounded up: a load never drops to no one.
        assertThat(closed.stages())
                .extracting(LoadPlan.PlanStage::from, LoadPlan.PlanStage::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3.0, 3.0));
    }

    @Test
    void aBadRateScaleIsFatalAndNamesItsKey() {
        systemProperties.put("loadtest.rateScale", "-2");

        assertThatThrownBy(() -> resolve("complete"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration error: System property 'loadtest.rateScale' must be a positive, finite"
                        + " number, but was [\"-2\"]; for example 3.");
    }

    @Test
    void aRateNoGeneratorCouldScheduleIsAConfigurationErrorRatherThanARunThatNeverStarts() {
        assertThatThrownBy(() -> resolve("astronomical"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.astronomical(LoadHttp)] peaks at"
                        + " 1.0E308 req/s, more than the 1000000 req/s one load generator can schedule; spread"
                        + " such a load over shards (loadtest.shard), for example rps = 2000.");

        systemProperties.put("loadtest.rateScale", "1e5");
        assertThatThrownBy(() -> resolve("complete"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("peaks at 1670000 req/s (rate scale 100000), more than the 1000000 req/s");
    }

    @Test
    void aBadDurationScaleIsFatalAndNamesItsKey() {
        systemProperties.put("loadtest.durationScale", "fast");

        assertThatThrownBy(() -> resolve("complete"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration error: System property 'loadtest.durationScale' must be a positive, finite"
                        + " number, but was [\"fast\"]; for example 0.1.");
    }

    @Test
    void aGeneratorWarmupThatIsNeitherTrueNorFalseIsReportedNotTakenForTrue() {
        configuration.put("loadtest.generatorWarmup", "maybe");

        assertThatThrownBy(() -> resolve("complete"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration error: Configuration parameter 'loadtest.generatorWarmup' must be true or"
                        + " false, but was [\"maybe\"]; for example false.");
    }

    @Test
    void aTimelineIntervalMustBeWholeSeconds() throws Exception {
        configuration.put("loadtest.timelineInterval", "5s");
        assertThat(resolve("complete").interval()).isEqualTo(Duration.ofSeconds(5));

        configuration.put("loadtest.timelineInterval", "1500ms");
        assertThatThrownBy(() -> resolve("complete"))
                .hasMessage("Configuration error: Configuration parameter 'loadtest.timelineInterval' must be whole"
                        + " seconds from 1 to 60, but was [\"1500ms\"]; for example \"5s\".");
    }

    @Test
    void safetyDefaultsToTheBaseUrlsHostNoCapOneMebibyteOfBodyAndVerifiedCertificates() throws Exception {
        LoadPlan.Safety safety = resolve("complete").safety();

        assertThat(safety.allowedHosts()).isEmpty();
        assertThat(safety.maxRequests()).isZero();
        assertThat(safety.maxBodyBytes()).isEqualTo(1_048_576);
        assertThat(safety.insecureTls()).isFalse();
        assertThat(safety.secretHeaders()).isEmpty();
    }

    @Test
    void safetySettingsAreReadAndTheSmallerRequestCapApplies() throws Exception {
        configuration.put("loadtest.allowedHosts", "auth.example.com, *.cdn.example.com, ::1,");
        configuration.put("loadtest.maxRequests", "500");
        configuration.put("loadtest.maxBodySize", "4MiB");
        configuration.put("loadtest.insecureSkipTlsVerify", "TRUE");
        configuration.put("loadtest.secretHeaders", "X-Api-Key, X-Session,");

        LoadPlan.Safety safety = resolve("guarded").safety();

        assertThat(safety.allowedHosts())
                .containsExactly("idp.example.com", "auth.example.com", "*.cdn.example.com", "[::1]");
        assertThat(safety.maxRequests()).isEqualTo(200);
        assertThat(safety.maxBodyBytes()).isEqualTo(4 << 20);
        assertThat(safety.insecureTls()).isTrue();
        assertThat(safety.secretHeaders()).containsExactlyInAnyOrder("X-Api-Key", "X-Session");
        configuration.put("loadtest.maxRequests", "50");
        assertThat(resolve("guarded").safety().maxRequests()).isEqualTo(50);
    }

    @Test
    void badSafetySettingsAreFatalAndListedTogether() {
        systemProperties.put("loadtest.allowedHosts", "https://auth.example.com/login");
        systemProperties.put("loadtest.maxRequests", "lots");
        systemProperties.put("loadtest.maxBodySize", "12XB");
        systemProperties.put("loadtest.insecureSkipTlsVerify", "yes");
        systemProperties.put("loadtest.secretHeaders", "X Api Key");

        assertThatThrownBy(() -> resolve("complete"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration errors (5):"
                        + "\n- System property 'loadtest.allowedHosts' must list host names (no scheme, port or path),"
                        + " '*.domain' or '*', but has [\"https://auth.example.com/login\"]; for example \"auth.example.com\"."
                        + "\n- System property 'loadtest.maxRequests' must be a whole number of at least 1, but was"
                        + " [\"lots\"]; for example 10000."
                        + "\n- System property 'loadtest.maxBodySize' must be a size from 0 bytes to 1024MiB, as bytes or with"
                        + " KiB or MiB, but was [\"12XB\"]; for example \"4MiB\"."
                        + "\n- System property 'loadtest.insecureSkipTlsVerify' must be true or false, but was [\"yes\"];"
                        + " for example true."
                        + "\n- System property 'loadtest.secretHeaders' must list header names separated by commas, but has"
                        + " [\"X Api Key\"]; for example \"X-Api-Key,X-Session\".");
    }

    @Test
    void aNegativeRequestCapIsFatal() {
        assertThatThrownBy(() -> resolve("negativeCap"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.negativeCap(LoadHttp)] must declare a"
                        + " 'maxRequests' of 0 (no cap) or more, but was [-1]; for example maxRequests = 5000.");
    }

    @Test
    void aBaseUrlThatCannotBeParsedIsQuotedWithoutItsCredentials() {
        systemProperties.put("loadtest.baseUrl", "https://deploy:s3cret pass@staging.example.com");

        assertThatThrownBy(() -> resolve("complete"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage(
                        "Configuration error: System property 'loadtest.baseUrl' must be an absolute http or https URL, but"
                                + " was [\"https://***@staging.example.com\"]; for example \"http://localhost:8080\".");
    }

    @Test
    void anUnsupportedBaseUrlSchemeIsFatal() {
        environment.put("BASE_URL", "ftp://files.test");

        assertThatThrownBy(() -> resolve("complete"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration error: Environment variable BASE_URL must be an absolute http or"
                        + " https URL, but was [\"ftp://files.test\"]; for example \"http://localhost:8080\".");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        assertThatThrownBy(() -> resolve("broken"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration errors (5):\n"
                        + "- @PercentileBelow on method [Fixtures.broken(LoadHttp)] must declare a 'percentile' greater"
                        + " than 0 and at most 100, but was [100.5]; for example @PercentileBelow(percentile = 99.9,"
                        + " millis = 800).\n"
                        + "- @ErrorRateBelow on method [Fixtures.broken(LoadHttp)] must declare a percentage from 0 to"
                        + " 100, but was [-1.0]; for example @ErrorRateBelow(1.0).\n"
                        + "- @LoadTest on method [Fixtures.broken(LoadHttp)] must declare a positive, finite 'rps', but"
                        + " was [NaN]; for example rps = 16.7.\n"
                        + "- @LoadTest on method [Fixtures.broken(LoadHttp)] declares 'duration' [\"60 sec\"]; expected"
                        + " a duration such as \"500ms\", \"30s\", \"2m\", \"1h30m\" or \"PT30S\".\n"
                        + "- @LoadTest on method [Fixtures.broken(LoadHttp)] must declare a 'maxInFlight' of 0"
                        + " (automatic) or more, but was [-1]; for example maxInFlight = 200.");
    }

    @Test
    void aReportFolderThatCannotBeWrittenIsAConfigurationError(@org.junit.jupiter.api.io.TempDir Path temp)
            throws Exception {
        Path file = java.nio.file.Files.writeString(temp.resolve("not-a-folder"), "x");
        configuration.put("loadtest.reportDir", file.toString());

        assertThatThrownBy(() -> resolve("complete"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage(
                        "Configuration error: Configuration parameter 'loadtest.reportDir' names [\"" + file
                                + "\"], which is not a folder that can be created and written; for example \"target/loadtest\".");
    }

    @Test
    void aWarmupNotShorterThanTheDurationIsRejected() {
        assertThatThrownBy(() -> resolve("warmupTooLong"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.warmupTooLong()] declares 'warmup'"
                        + " [\"1m\"] that is not shorter than 'duration' [\"60s\"]; for example warmup = \"5s\" with"
                        + " duration = \"60s\".");
    }

    @Test
    void aZeroDurationIsRejected() {
        assertThatThrownBy(() -> resolve("zeroDuration"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.zeroDuration()] must declare a positive"
                        + " 'duration', but was [\"0s\"]; for example duration = \"60s\".");
    }

    @Test
    void aThresholdWithoutLoadTestIsRejected() {
        assertThatThrownBy(() -> resolve("thresholdOnly"))
                .hasMessage(
                        "Configuration error: @P95Below on method [Fixtures.thresholdOnly()] requires @LoadTest on the"
                                + " same method.");
    }

    @Test
    void anAutomaticInFlightCapCoversTheRateTimesTheTimeoutWithinBounds() {
        assertThat(LoadPlanResolver.maxInFlight(0, 16.7, Duration.ofSeconds(30)))
                .isEqualTo(501);
        assertThat(LoadPlanResolver.maxInFlight(0, 1, Duration.ofSeconds(2))).isEqualTo(16);
        assertThat(LoadPlanResolver.maxInFlight(0, 2000, Duration.ofSeconds(30)))
                .isEqualTo(1000);
        assertThat(LoadPlanResolver.maxInFlight(7, 2000, Duration.ofSeconds(30)))
                .isEqualTo(7);
    }

    private LoadPlan resolve(String methodName) throws NoSuchMethodException {
        Method method = findMethod(methodName);
        return new LoadPlanResolver(settings).resolve(method);
    }

    private static Method findMethod(String name) throws NoSuchMethodException {
        for (Method method : Fixtures.class.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new NoSuchMethodException(name);
    }

    @SuppressWarnings("unused")
    static class Fixtures {
        @LoadTest(rps = 1e308, duration = "10s", baseUrl = "http://127.0.0.1:8089")
        void astronomical(LoadHttp http) {}

        @LoadTest(
                rps = 16.7,
                duration = "60s",
                warmup = "5s",
                timeout = "2s",
                maxInFlight = 50,
                baseUrl = "http://attribute.test:8080")
        @P95Below(500)
        @P999Below(900)
        @PercentileBelow(percentile = 99.99, millis = 800)
        @PercentileBelow(percentile = 75, millis = 300)
        @ErrorRateBelow(1.0)
        @ThroughputAbove(15)
        void complete(LoadHttp http) {}

        @LoadTest(rps = 10, duration = "10s", allowedHosts = "IDP.example.com", maxRequests = 200)
        void guarded(LoadHttp http) {}

        @LoadTest(users = 5, duration = "10s")
        void users(LoadHttp http) {}

        @LoadTest(rps = 10, duration = "10s", maxRequests = -1)
        void negativeCap(LoadHttp http) {}

        @LoadTest(rps = Double.NaN, duration = "60 sec", maxInFlight = -1)
        @PercentileBelow(percentile = 100.5, millis = 800)
        @ErrorRateBelow(-1)
        void broken(LoadHttp http) {}

        @LoadTest(rps = 10, duration = "60s", warmup = "1m")
        void warmupTooLong() {}

        @LoadTest(rps = 10, duration = "0s")
        void zeroDuration() {}

        @P95Below(500)
        void thresholdOnly() {}
    }
}
