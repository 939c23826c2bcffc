package io.github.junitloadtest.api;

import io.github.junitloadtest.internal.evaluate.GeneratorCheck;
import io.github.junitloadtest.internal.http.TargetCheck;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.plan.LoadPlanResolver;
import io.github.junitloadtest.internal.plan.Settings;
import io.github.junitloadtest.internal.plan.SuiteSettings;
import io.github.junitloadtest.internal.report.Build;
import io.github.junitloadtest.internal.report.ConsoleSummary;
import io.github.junitloadtest.internal.report.HtmlReportWriter;
import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.internal.report.MarkdownReportWriter;
import io.github.junitloadtest.internal.report.SuiteEntry;
import io.github.junitloadtest.internal.report.SuiteReport;
import io.github.junitloadtest.internal.run.GeneratorWarmup;
import io.github.junitloadtest.internal.run.LoadPermit;
import io.github.junitloadtest.internal.run.LoadRun;
import io.github.junitloadtest.internal.run.ShutdownStop;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

/**
 * Connects the load test stages to JUnit: resolves the plan before {@code @BeforeEach} methods run,
 * hands the test its {@link LoadHttp}, and replaces the single invocation of the test method with
 * one invocation per arrival; once JUnit has decided the test, puts it on the suite pages.
 */
final class LoadTestExtension implements BeforeEachCallback, BeforeTestExecutionCallback,
        AfterTestExecutionCallback, AfterEachCallback, ParameterResolver, InvocationInterceptor, TestWatcher {

    private static final Namespace NAMESPACE = Namespace.create(LoadTestExtension.class);
    @Override
    public void beforeEach(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        LoadPlan plan = new LoadPlanResolver(settingsOf(context)).resolve(context.getRequiredTestClass(), method);
        TargetCheck.requireResolvableHost(plan, LoadPlanResolver.describe(method));
        TargetCheck.requireAcceptingPort(plan, LoadPlanResolver.describe(method));
        context.getStore(NAMESPACE).put(LoadPlan.class, plan);
    }

    /**
     * Takes the machine's one turn to load, whatever JUnit runs in parallel and whichever JVM or fork
     * runs it: two loads would share the machine and the network, and neither verdict would be true.
     */
    @Override
    public void beforeTestExecution(ExtensionContext context) throws InterruptedException {
        LoadPermit permit = LoadPermit.acquire(LoadPermit.defaultLockFile(), "load test " + planOf(context).testId(),
                line -> System.out.println("  " + line));
        context.getStore(NAMESPACE).put(LoadPermit.class, permit);
        warmTheGenerator(planOf(context));
    }

    /**
     * Warms the generator's own code on loopback before the JVM's first load, outside the test's
     * timeout; a warm-up that cannot run is said and the load goes on, its cold start then visible in
     * the result's cold-start note.
     */
    private static void warmTheGenerator(LoadPlan plan) throws InterruptedException {
        try {
            GeneratorWarmup.onceForThisJvm(plan).ifPresent(warmup -> System.out.print(ConsoleSummary.warmedUp(warmup.requests(), warmup.elapsed())));
        } catch (RuntimeException failed) {
            System.err.println("warning: the load generator could not warm itself up on loopback (" + failed
                    + "); the first seconds of " + plan.testId() + " may include its cold start");
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        LoadPermit permit = context.getStore(NAMESPACE).remove(LoadPermit.class, LoadPermit.class);
        if (permit != null) {
            permit.close();
        }
    }

    /** Closes a run whose test method never ran (a failing {@code @BeforeEach}), on every JUnit version. */
    @Override
    public void afterEach(ExtensionContext context) {
        LoadRun run = context.getStore(NAMESPACE).remove(LoadRun.class, LoadRun.class);
        if (run != null) {
            run.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LoadHttp.class
                && parameterContext.getDeclaringExecutable() instanceof Method method
                && LoadPlanResolver.isLoadTest(method);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return runOf(extensionContext).http();
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        invocation.skip();
        Method method = invocationContext.getExecutable();
        method.setAccessible(true);
        Object target = invocationContext.getTarget().orElse(null);
        Object[] arguments = invocationContext.getArguments().toArray();
        LoadPlan plan = planOf(extensionContext);
        LoadRun.Finished finished;
        Path intervalLog;
        ShutdownStop stop = ShutdownStop.register(Thread.currentThread());
        try {
            try (LoadRun run = runOf(extensionContext)) {
                intervalLog = run.intervalLogFile();
                finished = stop.whileLoading(() -> run.execute(() -> method.invoke(target, arguments)));
            }
            // Writing is interruptible (NIO channels): the partial result is written with the flag cleared,
            // which report() sets again for an interrupted run.
            boolean interrupted = Thread.interrupted();
            try {
                report(finished, plan, intervalLog, extensionContext);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            stop.close();
        }
    }

    private static void report(LoadRun.Finished finished, LoadPlan plan, Path intervalLog,
            ExtensionContext extensionContext) throws Throwable {
        if (finished.dispatch().fatal().isPresent()) {
            throw finished.dispatch().fatal().get();
        }
        LoadTestResult result = finished.result();
        // In the class's store: the test's own is closed by the time the suite pages are rebuilt.
        extensionContext.getParent().ifPresent(parent -> parent.getStore(NAMESPACE)
                .put(new ResultOf(extensionContext.getUniqueId()), result));
        List<Path> files = new ArrayList<>();
        RuntimeException reportFailure = null;
        try {
            Path reportDir = plan.reportDir();
            files.add(JsonReportWriter.write(result, reportDir));
            files.add(MarkdownReportWriter.write(result, reportDir));
            files.add(HtmlReportWriter.write(result, reportDir));
            files.add(intervalLog);
        } catch (RuntimeException writing) {
            // The verdict is about the service; a report that cannot be written must not replace it.
            reportFailure = writing;
            System.err.println("warning: load test " + result.test() + " could not write all its reports: " + writing);
        }
        System.out.print(ConsoleSummary.render(result, files));
        extensionContext.publishReportEntry(ConsoleSummary.reportEntries(result));
        String partial = files.isEmpty() ? "no report could be written" : "partial result in " + files.get(0).toAbsolutePath();
        if (finished.dispatch().unfinished() > 0) {
            throw withSuppressed(new AssertionFailedError(finished.dispatch().unfinished() + " iteration(s) of load test "
                    + result.test() + " ignored cancellation and were still running when the test ended; the body"
                    + " blocks in a call that does not respond to interrupts; " + partial), reportFailure);
        }
        if (finished.dispatch().interrupted()) {
            Thread.currentThread().interrupt();
            throw withSuppressed(new InterruptedException("Load test " + result.test() + " was interrupted; " + partial),
                    reportFailure);
        }
        failIfAnyThresholdBroke(result, reportFailure);
    }

    private static <T extends Throwable> T withSuppressed(T failure, RuntimeException reportFailure) {
        if (reportFailure != null) {
            failure.addSuppressed(reportFailure);
        }
        return failure;
    }

    private static void failIfAnyThresholdBroke(LoadTestResult result, RuntimeException reportFailure) {
        List<AssertionFailedError> failures = new ArrayList<>();
        if (!result.aborted().isEmpty()) {
            failures.add(new AssertionFailedError(result.aborted()));
        }
        if (!result.generatorShortfall().isEmpty()) {
            failures.add(new AssertionFailedError(result.generatorShortfall(),
                    "≥ 95 % of " + result.requestedRps() + " req/s", result.achievedRps() + " req/s"));
        }
        for (ThresholdResult threshold : result.thresholds()) {
            if (!threshold.passed()) {
                failures.add(new AssertionFailedError(threshold.message(),
                        threshold.comparison() + " " + threshold.limit() + " " + threshold.unit(),
                        threshold.actual() + " " + threshold.unit()));
            }
        }
        boolean latencyFailed = result.thresholds().stream()
                .anyMatch(threshold -> !threshold.passed() && "ms".equals(threshold.unit()));
        if (latencyFailed && !failures.isEmpty()) {
            // A latency verdict the generator's delay or a cold start contributed to carries that note beside it.
            result.notes().stream().filter(note -> note.startsWith(GeneratorCheck.LAG_NOTE_START)
                            || note.startsWith(GeneratorCheck.COLD_START_NOTE_START))
                    .forEach(note -> failures.get(0).addSuppressed(new AssertionFailedError(note)));
        }
        if (failures.size() == 1) {
            throw withSuppressed(failures.get(0), reportFailure);
        }
        if (!failures.isEmpty()) {
            throw withSuppressed(new MultipleFailuresError("Load test " + result.test() + " failed " + failures.size()
                    + " checks", failures), reportFailure);
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        putOnSuitePages(context, Optional.empty(), false);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        putOnSuitePages(context, Optional.of(cause), false);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        putOnSuitePages(context, Optional.of(cause), true);
    }

    /**
     * Called with the test's outcome as JUnit decided it, so a configuration error, a failing
     * {@code @BeforeEach} or {@code @AfterEach} is on the pages as surely as a threshold.
     */
    private static void putOnSuitePages(ExtensionContext context, Optional<Throwable> failure, boolean skipped) {
        Optional<LoadTestResult> result = context.getParent().map(parent -> parent.getStore(NAMESPACE)
                .remove(new ResultOf(context.getUniqueId()), LoadTestResult.class));
        SuiteSettings suite = new LoadPlanResolver(settingsOf(context)).suiteSettings();
        String test = LoadPlanResolver.testIdOf(context.getRequiredTestClass(), context.getRequiredTestMethod());
        Build build = Build.current(suite.buildId());
        Instant now = Instant.now();
        SuiteEntry.Status status = SuiteEntry.Status.of(result, failure, skipped);
        SuiteEntry entry = SuiteEntry.of(test, result, status, failure, build, now);
        try {
            List<Path> pages = SuiteReport.record(entry, suite.reportDir(), build, now);
            System.out.println("  suite pages: " + pages.get(pages.size() - 1).toAbsolutePath());
        } catch (RuntimeException writing) {
            // The verdict is JUnit's; pages that cannot be written must not change it.
            System.err.println("warning: load test " + test + " could not be put on the suite pages: " + writing);
        }
    }

    private static Settings settingsOf(ExtensionContext context) {
        return Settings.of(context, LoadTestTarget.publishedBaseUrl(context), LoadTestTarget.publishedIsStub(context));
    }

    /** The key of a test's result in its class's store. */
    private record ResultOf(String uniqueId) {}

    private static LoadPlan planOf(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(LoadPlan.class, LoadPlan.class);
    }

    private static LoadRun runOf(ExtensionContext context) {
        LoadPlan plan = planOf(context);
        String description = LoadPlanResolver.describe(context.getRequiredTestMethod());
        // get and put rather than getOrComputeIfAbsent, which JUnit 6 deprecates and 5.10 lacks a successor for.
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        LoadRun run = store.get(LoadRun.class, LoadRun.class);
        if (run == null) {
            run = new LoadRun(plan, description);
            store.put(LoadRun.class, run);
        }
        return run;
    }
}
