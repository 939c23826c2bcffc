package io.github.junitloadtest.support;

import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.internal.execute.IterationBody;
import io.github.junitloadtest.internal.execute.Workers;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.plan.LoadPlanResolver;
import io.github.junitloadtest.internal.plan.Settings;
import io.github.junitloadtest.internal.run.LoadRun;
import io.github.junitloadtest.internal.run.RunEnvironment;
import io.github.junitloadtest.internal.run.StartSlots;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The whole pipeline, plan to verdict, on a {@link ManualClock} and workers without threads: a body
 * moves time by {@link ManualClock#advanceMillis}, and everything else follows exactly.
 */
public final class ManualPipeline {

    /** The manual clock's reading at the start, far from zero so nothing depends on zero. */
    public static final long START_NANOS = 1_000_000_000_000L;

    /** The wall-clock time at {@link #START_NANOS}. */
    public static final Instant START_TIME = Instant.parse("2026-12-01T10:00:00Z");

    public final ManualClock clock = new ManualClock(START_NANOS);
    public final InlineExecutor workers = new InlineExecutor();
    public final ManualTransport transport = new ManualTransport(clock);
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Path reportDir;
    private final Map<String, String> settings = new HashMap<>();
    private final StartSlots slots = new StartSlots();

    public ManualPipeline(Path reportDir) {
        this.reportDir = reportDir;
    }

    /** Adds an outside setting, as a configuration parameter, to the plans this pipeline resolves. */
    public ManualPipeline with(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /** The plan of a fixture method, with the settings given and a report folder of the test's. */
    public LoadPlan plan(Class<?> fixtures, String methodName) {
        Map<String, String> configuration = new HashMap<>(settings);
        configuration.putIfAbsent(LoadTest.REPORT_DIR_PROPERTY_NAME, reportDir.toString());
        return new LoadPlanResolver(settings(configuration)).resolve(fixtures, method(fixtures, methodName));
    }

    /** Runs a fixture method's plan with this body as each iteration, and closes the run. */
    public LoadRun.Finished run(Class<?> fixtures, String methodName, IterationBody body) {
        return run(fixtures, methodName, http -> body.run());
    }

    /** Runs a fixture method's plan with a body that sends requests through the manual transport. */
    public LoadRun.Finished run(Class<?> fixtures, String methodName, HttpBody body) {
        try (LoadRun run = new LoadRun(plan(fixtures, methodName), methodName, environment())) {
            LoadHttp http = run.http();
            return run.execute(() -> body.run(http));
        }
    }

    /** Runs a plan with a body that sends requests through the manual transport, and closes the run. */
    public LoadRun.Finished run(LoadPlan plan, HttpBody body) {
        try (LoadRun run = new LoadRun(plan, plan.testId(), environment())) {
            LoadHttp http = run.http();
            return run.execute(() -> body.run(http));
        }
    }

    /** One iteration that sends requests. */
    @FunctionalInterface
    public interface HttpBody {
        void run(LoadHttp http) throws Throwable;
    }

    /** Milliseconds since the start on the manual clock. */
    public long elapsedMillis() {
        return (clock.nanoTime() - START_NANOS) / 1_000_000;
    }

    /** What the run printed. */
    public String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private RunEnvironment environment() {
        return new RunEnvironment(
                clock,
                clock,
                new ManualWallClock(),
                maxInFlight -> Workers.using(workers, "inline"),
                (runClock, tls, verifyHostnames) -> transport,
                new PrintStream(console, true, StandardCharsets.UTF_8),
                false,
                slots);
    }

    private static Method method(Class<?> fixtures, String name) {
        return Arrays.stream(fixtures.getDeclaredMethods())
                .filter(method -> method.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + name + " in " + fixtures));
    }

    private static Settings settings(Map<String, String> configuration) {
        return new Settings() {
            @Override
            public Optional<String> systemProperty(String key) {
                return Optional.empty();
            }

            @Override
            public Optional<String> environmentVariable(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<String> configurationParameter(String key) {
                return Optional.ofNullable(configuration.get(key));
            }
        };
    }

    /** The time of day that the manual clock gives. */
    private final class ManualWallClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a manual clock has one zone");
        }

        @Override
        public Instant instant() {
            return START_TIME.plusNanos(clock.nanoTime() - START_NANOS);
        }
    }
}
