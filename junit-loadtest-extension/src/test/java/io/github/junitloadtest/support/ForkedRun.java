package io.github.junitloadtest.support;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one fixture class through the JUnit Platform in a JVM of its own, for tests of what a whole
 * JVM does during a load test: its heap, its exit. The one argument is the fixture's binary class
 * name; the {@code loadtest.*} system properties this JVM was started with reach the fixture
 * unchanged. Exits with 0 when the fixture had tests and all of them passed, 1 otherwise.
 */
public final class ForkedRun {

    private ForkedRun() {}

    public static void main(String[] args) throws ClassNotFoundException {
        if (args.length != 1) {
            System.err.println("usage: ForkedRun <fixture class>");
            System.exit(2);
        }
        Class<?> fixture = Class.forName(args[0]);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .build();
        // Without the session listeners of the test classpath: IsolatedSettings would clear the
        // loadtest.* system properties that configure the fixture.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false)
                .build());
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);

        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printTo(out);
        summary.printFailuresTo(out, 20);
        out.flush();
        boolean passed = summary.getTestsFoundCount() > 0
                && summary.getTotalFailureCount() == 0
                && summary.getTestsSucceededCount() == summary.getTestsFoundCount();
        System.exit(passed ? 0 : 1);
    }
}
