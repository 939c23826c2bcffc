package io.github.junitloadtest.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.internal.report.JsonReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The engine as a user meets it, for {@code LoadBench junit}: a {@code @LoadTest} method with one
 * {@link LoadHttp} GET per iteration, discovered and run by the JUnit Platform's launcher, its
 * figures read from the JSON result it wrote. The length comes from an override, as a pipeline would
 * set it.
 */
public final class JunitPathBench {

    /** Each model, declared as a user would; their lengths are set from outside. */
    static class Tests {
        @LoadTest(users = 50, duration = "13s", warmup = "3s", timeout = "30s")
        @ErrorRateBelow(100)
        void closed50(LoadHttp http) {
            http.get("/");
        }

        // No warm-up: arrivals due in it would go out after it, late, and count outside the measured window.
        @LoadTest(rps = 100_000, duration = "10s", maxInFlight = 50, timeout = "30s")
        @ErrorRateBelow(100)
        void open50(LoadHttp http) {
            http.get("/");
        }
    }

    private JunitPathBench() {}

    static void run(String url, String model, int seconds) throws Exception {
        Path reports = Files.createTempDirectory("loadbench-junit");
        String testId = "JunitPathBench.Tests." + model;
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(Tests.class, model, LoadHttp.class.getName()))
                .configurationParameter(LoadTest.BASE_URL_PROPERTY_NAME, url)
                .configurationParameter(LoadTest.REPORT_DIR_PROPERTY_NAME, reports.toString())
                .configurationParameter(
                        LoadTest.OVERRIDE_PROPERTY_PREFIX + testId + ".duration",
                        (model.startsWith("closed") ? seconds + 3 : seconds) + "s")
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        long started = System.nanoTime();
        launcher.execute(request, summary);
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        LoadTestResult result = JsonReportWriter.read(reports.resolve(testId + ".json"));
        System.out.printf(
                Locale.ROOT,
                "junit %s rps=%.0f achieved=%.0f p50=%.3fms p99=%.3fms failed=%d tests=%d/%d wall=%.1fs"
                        + " pacing=[%s]%n",
                model,
                result.throughputRps(),
                result.achievedRps(),
                result.corrected().p50Millis(),
                result.corrected().p99Millis(),
                result.counts().failed(),
                summary.getSummary().getTestsSucceededCount(),
                summary.getSummary().getTestsFoundCount(),
                wallSeconds,
                result.pacing().busiestSecond() < 0
                        ? "closed model"
                        : "busiest second " + result.pacing().busiestSecond() + ": "
                                + result.pacing().busiestSecondSent() + " sent, "
                                + result.pacing().busiestSecondDue()
                                + " due; " + result.pacing().startedLate() + " started late");
        // Flat out, the open model's first seconds carry the JIT's warm-up: the later seconds are its capacity.
        if (!result.pacing().sentPerSecond().isEmpty()) {
            System.out.println(
                    "junit " + model + " sent per second: " + result.pacing().sentPerSecond());
        }
    }
}
