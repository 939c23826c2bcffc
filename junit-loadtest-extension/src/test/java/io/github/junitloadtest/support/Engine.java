package io.github.junitloadtest.support;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture classes through the Jupiter engine the way a user's build would. */
public final class Engine {

    private Engine() {}

    /** Runs a fixture with no base URL and the report folder given as a configuration parameter. */
    public static EngineExecutionResults runWithoutBaseUrl(Class<?> fixture, Path reportDir) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .enableImplicitConfigurationParameters(false)
                .configurationParameter(LoadTest.REPORT_DIR_PROPERTY_NAME, reportDir.toString())
                .execute();
    }

    /** Runs a fixture with no base URL, the report folder and further configuration parameters. */
    public static EngineExecutionResults runWithoutBaseUrl(
            Class<?> fixture, Path reportDir, java.util.Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .enableImplicitConfigurationParameters(false)
                .configurationParameter(LoadTest.REPORT_DIR_PROPERTY_NAME, reportDir.toString())
                .configurationParameters(configuration)
                .execute();
    }

    /** Runs a fixture with the base URL, the report folder and further configuration parameters. */
    public static EngineExecutionResults run(
            Class<?> fixture, String baseUrl, Path reportDir, java.util.Map<String, String> configuration) {
        return run(selectClass(fixture), baseUrl, reportDir, configuration);
    }

    /** Runs one load test method, taking {@code LoadHttp}, of a fixture, with the same settings. */
    public static EngineExecutionResults runMethod(
            Class<?> fixture,
            String method,
            String baseUrl,
            Path reportDir,
            java.util.Map<String, String> configuration) {
        return run(selectMethod(fixture, method, LoadHttp.class.getName()), baseUrl, reportDir, configuration);
    }

    private static EngineExecutionResults run(
            DiscoverySelector selector, String baseUrl, Path reportDir, java.util.Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selector)
                .enableImplicitConfigurationParameters(false)
                .configurationParameter(LoadTest.BASE_URL_PROPERTY_NAME, baseUrl)
                .configurationParameter(LoadTest.REPORT_DIR_PROPERTY_NAME, reportDir.toString())
                .configurationParameters(configuration)
                .execute();
    }

    /** Runs a fixture with the base URL and report folder given as configuration parameters. */
    public static EngineExecutionResults run(Class<?> fixture, String baseUrl, Path reportDir) {
        return run(fixture, baseUrl, reportDir, java.util.Map.of());
    }

    /** The messages of the tests that failed, in the order they ran. */
    public static List<String> failureMessages(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class)
                        .orElseThrow()
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .toList();
    }
}
