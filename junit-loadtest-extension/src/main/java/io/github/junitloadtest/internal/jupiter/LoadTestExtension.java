package io.github.junitloadtest.internal.jupiter;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.junitloadtest.api.LoadFeed;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadShard;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.internal.evaluate.Note;
import io.github.junitloadtest.internal.evaluate.Verdict;
import io.github.junitloadtest.internal.http.MetricsEndpoint;
import io.github.junitloadtest.internal.http.TargetCheck;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.plan.LoadPlanResolver;
import io.github.junitloadtest.internal.plan.Settings;
import io.github.junitloadtest.internal.plan.SuiteSettings;
import io.github.junitloadtest.internal.report.Build;
import io.github.junitloadtest.internal.report.Console;
import io.github.junitloadtest.internal.report.ConsoleSummary;
import io.github.junitloadtest.internal.report.RunReports;
import io.github.junitloadtest.internal.report.SuiteEntry;
import io.github.junitloadtest.internal.report.SuiteReport;
import io.github.junitloadtest.internal.run.Baselines;
import io.github.junitloadtest.internal.run.CapacityRun;
import io.github.junitloadtest.internal.run.Confirmations;
import io.github.junitloadtest.internal.run.GeneratorWarmup;
import io.github.junitloadtest.internal.run.LoadPermit;
import io.github.junitloadtest.internal.run.LoadRun;
import io.github.junitloadtest.internal.run.ShardMerge;
import io.github.junitloadtest.internal.run.ShardView;
import io.github.junitloadtest.internal.run.ShutdownStop;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
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

/**
 * Connects the load test stages to JUnit: resolves the plan before {@code @BeforeEach} methods run,
 * hands the test its {@link LoadHttp} and {@link LoadShard}, and replaces the single invocation of
 * the test method with one invocation per arrival, or, merging shards, with their snapshots added
 * up; turns the verdict into JUnit's exceptions, and once JUnit has decided the test, puts it on the
 * suite pages. It decides nothing itself.
 *
 * <p>Registered by {@code @ExtendWith} on {@code @LoadTest} and the threshold annotations; not for
 * users to register or call.
 */
@API(status = INTERNAL, since = "0.2")
public final class LoadTestExtension
        implements BeforeEachCallback,
                BeforeTestExecutionCallback,
                AfterTestExecutionCallback,
                AfterEachCallback,
                ParameterResolver,
                InvocationInterceptor,
                TestWatcher {

    private static final Namespace NAMESPACE = Namespace.create(LoadTestExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        LoadPlan plan = new LoadPlanResolver(settingsOf(context)).resolve(context.getRequiredTestClass(), method);
        if (!(plan.role() instanceof LoadPlan.Merge)) {
            TargetCheck.requireResolvableHost(plan, LoadPlanResolver.describe(method));
            TargetCheck.requireAcceptingPort(plan, LoadPlanResolver.describe(method));
            MetricsEndpoint.requireAllowedHost(plan);
        }
        context.getStore(NAMESPACE).put(LoadPlan.class, plan);
    }

    /**
     * Takes the machine's one turn to load, whatever JUnit runs in parallel and whichever JVM or fork
     * runs it: two loads would share the machine and the network, and neither verdict would be true.
     */
    @Override
    public void beforeTestExecution(ExtensionContext context) throws InterruptedException {
        if (planOf(context).role() instanceof LoadPlan.Merge) {
            return;
        }
        LoadPermit permit = LoadPermit.acquire(
                LoadPermit.defaultLockFile(),
                "load test " + planOf(context).testId(),
                line -> Console.out().println("  " + line));
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
            GeneratorWarmup.onceForThisJvm(plan)
                    .ifPresent(warmup ->
                            Console.out().print(ConsoleSummary.warmedUp(warmup.requests(), warmup.elapsed())));
        } catch (RuntimeException failed) {
            Console.err()
                    .println("warning: the load generator could not warm itself up on loopback (" + failed
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
        Class<?> type = parameterContext.getParameter().getType();
        // Registered on load test methods only: their @BeforeEach and @AfterEach methods may ask too, for
        // example to set a default header on the client the load will use.
        if (type == LoadFeed.class) {
            // A feed is the load test method's own parameter, declared with @Feed.
            return parameterContext.getDeclaringExecutable() instanceof Method method
                    && LoadPlanResolver.isLoadTest(method);
        }
        return (type == LoadShard.class || type == LoadHttp.class)
                && extensionContext
                        .getTestMethod()
                        .filter(LoadPlanResolver::isLoadTest)
                        .isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == LoadShard.class) {
            return ShardView.of(planOf(extensionContext));
        }
        if (type == LoadFeed.class) {
            return runOf(extensionContext)
                    .feed(parameterContext.getIndex())
                    .orElseThrow(() -> new IllegalStateException(
                            "parameter " + (parameterContext.getIndex() + 1) + " was read as no feed of "
                                    + planOf(extensionContext).testId()));
        }
        return runOf(extensionContext).http();
    }

    @Override
    public void interceptTestMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext)
            throws Throwable {
        invocation.skip();
        Method method = invocationContext.getExecutable();
        method.setAccessible(true);
        Object target = invocationContext.getTarget().orElse(null);
        Object[] arguments = invocationContext.getArguments().toArray();
        LoadPlan plan = planOf(extensionContext);
        if (plan.role() instanceof LoadPlan.Merge) {
            ShardMerge.Outcome merged = ShardMerge.of(plan);
            if (merged.problem().isPresent()) {
                throw new AssertionFailedError(merged.problem().get());
            }
            report(merged.finished().orElseThrow(), plan, extensionContext);
            return;
        }
        LoadRun.Finished finished;
        ShutdownStop stop = ShutdownStop.register(Thread.currentThread());
        try {
            String description = LoadPlanResolver.describe(method);
            // Each step of a capacity search, and each run that confirms a regression, is a new run of its own plan,
            // whose client the method receives in place of the first run's.
            Function<LoadPlan, LoadRun.Finished> another = planned -> {
                try (LoadRun rerun = new LoadRun(planned, description)) {
                    rerun.sendHeadersOf(runOf(extensionContext));
                    Object[] rerunArguments = arguments.clone();
                    for (int i = 0; i < rerunArguments.length; i++) {
                        if (rerunArguments[i] instanceof LoadHttp) {
                            rerunArguments[i] = rerun.http();
                        } else if (rerunArguments[i] instanceof LoadFeed) {
                            rerunArguments[i] = rerun.feed(i).orElseThrow();
                        }
                    }
                    return rerun.execute(() -> method.invoke(target, rerunArguments));
                }
            };
            // One stretch of loading, confirming runs included: an exit of the JVM between two runs stops the
            // second, and the first one's result is still reported.
            try (LoadRun run = runOf(extensionContext)) {
                finished = stop.whileLoading(() -> Confirmations.of(
                        plan,
                        plan.capacity().isPresent()
                                ? CapacityRun.execute(
                                        plan, another, time -> Thread.sleep(time.toMillis()), Console.out())
                                : run.execute(() -> method.invoke(target, arguments)),
                        again -> another.apply(plan),
                        Console.out()));
            }
            // Writing is interruptible (NIO channels): the partial result is written with the flag cleared,
            // which report() sets again for an interrupted run.
            boolean interrupted = Thread.interrupted();
            try {
                report(finished, plan, extensionContext);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            stop.close();
        }
    }

    private static void report(LoadRun.Finished finished, LoadPlan plan, ExtensionContext extensionContext)
            throws Throwable {
        if (finished.fatal().isPresent()) {
            throw finished.fatal().get();
        }
        Verdict verdict = finished.verdict();
        LoadTestResult result = finished.result();
        // In the class's store: the test's own is closed by the time the suite pages are rebuilt.
        extensionContext
                .getParent()
                .ifPresent(
                        parent -> parent.getStore(NAMESPACE).put(new ResultOf(extensionContext.getUniqueId()), result));
        List<Path> files = new ArrayList<>();
        @Nullable RuntimeException reportFailure = null;
        try {
            RunReports.write(
                    plan.reportDir(), finished.snapshot(), result, plan.role() instanceof LoadPlan.Shard, files);
        } catch (RuntimeException writing) {
            // The verdict is about the service; a report that cannot be written must not replace it.
            reportFailure = writing;
            Console.err()
                    .println("warning: load test " + result.test() + " could not write all its reports: " + writing);
        }
        try {
            Baselines.record(plan, finished.snapshot(), verdict, name -> Optional.ofNullable(System.getenv(name)))
                    .forEach(file -> Console.out().println("  baseline recorded: " + file.toAbsolutePath()));
        } catch (RuntimeException recording) {
            // A baseline that cannot be written leaves the verdict as it is; the next comparison has one run less.
            Console.err()
                    .println("warning: load test " + result.test() + " could not be recorded as a baseline: "
                            + recording);
        }
        Console.out().print(ConsoleSummary.render(result, files));
        extensionContext.publishReportEntry(ConsoleSummary.reportEntries(result));
        verdict.notes().stream()
                .filter(note -> note instanceof Note.RegressionInconclusive)
                .forEach(note -> extensionContext.publishReportEntry("loadtest.regression.inconclusive", note.text()));
        String partial = files.isEmpty()
                ? "no report could be written"
                : "partial result in " + files.get(0).toAbsolutePath();
        throwIfFailed(verdict, result.test(), partial, reportFailure, extensionContext);
    }

    /**
     * Turns the verdict into JUnit's exceptions: iterations that outlived the run, or an interrupt,
     * end the test on their own; every other violation is one assertion failure with its expected
     * and actual values, together in a {@link org.opentest4j.MultipleFailuresError} when there are several.
     */
    private static void throwIfFailed(
            Verdict verdict,
            String test,
            String partial,
            @Nullable RuntimeException reportFailure,
            ExtensionContext context)
            throws Throwable {
        Optional<Throwable> failure = Failures.of(
                verdict, test, partial, reportFailure, context.getRequiredTestClass(), context.getRequiredTestMethod());
        if (failure.isPresent()) {
            if (failure.get() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw failure.get();
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        putOnSuitePages(context, Optional.empty(), false);
    }

    @Override
    public void testFailed(ExtensionContext context, @Nullable Throwable cause) {
        putOnSuitePages(context, Optional.ofNullable(cause), false);
    }

    @Override
    public void testAborted(ExtensionContext context, @Nullable Throwable cause) {
        putOnSuitePages(context, Optional.ofNullable(cause), true);
    }

    /**
     * Called with the test's outcome as JUnit decided it, so a configuration error, a failing
     * {@code @BeforeEach} or {@code @AfterEach} is on the pages as surely as a threshold.
     */
    private static void putOnSuitePages(ExtensionContext context, Optional<Throwable> failure, boolean skipped) {
        Optional<LoadTestResult> result = context.getParent()
                .map(parent ->
                        parent.getStore(NAMESPACE).remove(new ResultOf(context.getUniqueId()), LoadTestResult.class));
        SuiteSettings suite = new LoadPlanResolver(settingsOf(context)).suiteSettings();
        String test = LoadPlanResolver.testIdOf(context.getRequiredTestClass(), context.getRequiredTestMethod());
        Build build = Build.current(suite.buildId());
        Instant now = Instant.now();
        SuiteEntry.Status status = SuiteEntry.Status.of(result, failure, skipped);
        SuiteEntry entry = SuiteEntry.of(test, result, status, failure, build, now);
        try {
            List<Path> pages = SuiteReport.record(entry, suite.reportDir(), build, now);
            if (result.isEmpty()) {
                // A test with a result named the suite page on its report line already.
                Console.out()
                        .println("  suite pages  " + pages.get(pages.size() - 1).toAbsolutePath());
            }
        } catch (RuntimeException writing) {
            // The verdict is JUnit's; pages that cannot be written must not change it.
            Console.err().println("warning: load test " + test + " could not be put on the suite pages: " + writing);
        }
    }

    private static Settings settingsOf(ExtensionContext context) {
        return Settings.of(context);
    }

    /** The key of a test's result in its class's store. */
    private record ResultOf(String uniqueId) {}

    private static LoadPlan planOf(ExtensionContext context) {
        // Put by beforeEach, which every later callback of the test follows.
        return java.util.Objects.requireNonNull(
                context.getStore(NAMESPACE).get(LoadPlan.class, LoadPlan.class),
                "the load test's plan, resolved before each test");
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
