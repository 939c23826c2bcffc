package io.github.junitloadtest.api;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.support.ForkedRun;
import io.github.junitloadtest.support.LoopbackServer;
import io.github.junitloadtest.support.RawDelayServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load tests in a JVM of their own, as a user's build runs them: a steady load keeps a small heap
 * flat, a JVM asked to exit in the middle of a load stops it and still writes the partial result, and
 * two forks of one build take turns and share one suite page.
 */
class ForkedJvmTests {

    private static final String HEAP_MARKER = "forked-heap-after-gc ";
    private static final Pattern HEAP_LINE = Pattern.compile(Pattern.quote(HEAP_MARKER) + "(start|end)=(\\d+)");
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path work;

    private Path reports() {
        return work.resolve("reports");
    }

    private Process fork(Class<?> fixture, String baseUrl, Path output, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-D" + LoadTest.BASE_URL_PROPERTY_NAME + "=" + baseUrl);
        command.add("-D" + LoadTest.REPORT_DIR_PROPERTY_NAME + "=" + reports());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ForkedRun.class.getName());
        command.add(fixture.getName());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    /** The child's output so far; a character cut in half at the end is replaced, not an error. */
    private static String outputOf(Path output) throws IOException {
        return Files.exists(output) ? new String(Files.readAllBytes(output), StandardCharsets.UTF_8) : "";
    }

    /** Waits until the child's output contains the text, the child ends, or the timeout passes. */
    private static boolean awaitOutput(Process child, Path output, String text, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (outputOf(output).contains(text)) {
                return true;
            }
            if (child.waitFor(100, MILLISECONDS)) {
                return outputOf(output).contains(text);
            }
        }
        return false;
    }

    private static void stop(Process child) throws InterruptedException {
        child.destroyForcibly();
        child.waitFor(10, SECONDS);
    }

    private static long heapAfterGc(String output, String when) {
        Matcher line = HEAP_LINE.matcher(output);
        while (line.find()) {
            if (line.group(1).equals(when)) {
                return Long.parseLong(line.group(2));
            }
        }
        throw new AssertionError("no \"" + HEAP_MARKER + when + "=\" line in the child's output:\n" + output);
    }

    /** A high rate for long: not for a busy machine's default build, so in the {@code stress} profile. */
    @Test
    @Tag("stress")
    void fourHundredRequestsASecondForFifteenSecondsRunInA128MiBHeapThatStaysFlat() throws Exception {
        Path output = work.resolve("steady.log");
        String log;
        try (RawDelayServer server = RawDelayServer.start(0)) {
            Process child = fork(SteadyTestCase.class, server.baseUrl(), output, "-Xmx128m");
            try {
                boolean exited = child.waitFor(90, SECONDS);
                log = outputOf(output);
                assertThat(exited)
                        .as("the child ended within 90 s; its output:%n%s", log)
                        .isTrue();
                assertThat(child.exitValue())
                        .as("the child's exit code; its output:%n%s", log)
                        .isZero();
            } finally {
                stop(child);
            }
        }

        LoadTestResult result = JsonReportWriter.read(reports().resolve("ForkedJvmTests.SteadyTestCase.steady.json"));
        assertThat(result.passed()).as("passed; child output:%n%s", log).isTrue();
        assertThat(result.aborted()).isEmpty();
        assertThat(result.counts().scheduled()).isEqualTo(6_000);
        assertThat(result.counts().sent()).isEqualTo(result.counts().scheduled());
        assertThat(result.counts().dropped()).isZero();
        assertThat(result.generator().peakHeapMiB()).isPositive().isLessThan(100.0);

        long start = heapAfterGc(log, "start");
        long end = heapAfterGc(log, "end");
        assertThat(end)
                .as("heap after GC at the end (%d MiB) against the start (%d MiB)", end / MIB, start / MIB)
                .isLessThan(start + 32 * MIB);
    }

    @Test
    @DisabledOnOs(
            value = OS.WINDOWS,
            disabledReason = "Process.destroy() ends a Windows process without its shutdown hooks")
    void aJvmAskedToExitStopsTheLoadAndWritesThePartialResult() throws Exception {
        Path output = work.resolve("stopped.log");
        Path report = reports().resolve("ForkedJvmTests.LongTestCase.oneMinute.json");
        String log;
        try (RawDelayServer server = RawDelayServer.start(0)) {
            Process child = fork(LongTestCase.class, server.baseUrl(), output);
            try {
                assertThat(awaitOutput(child, output, "requests planned", Duration.ofSeconds(30)))
                        .as("the load started within 30 s; child output:%n%s", outputOf(output))
                        .isTrue();
                Thread.sleep(2_000);
                assertThat(child.isAlive())
                        .as("the child still runs; its output:%n%s", outputOf(output))
                        .isTrue();

                child.destroy();
                boolean exited = child.waitFor(15, SECONDS);
                log = outputOf(output);
                assertThat(exited)
                        .as("the child ended within 15 s of SIGTERM; its output:%n%s", log)
                        .isTrue();
            } finally {
                stop(child);
            }
        }

        assertThat(report).as("the partial report; child output:%n%s", log).exists();
        assertThat(log).contains("Load test stopping: the JVM is shutting down");
        LoadTestResult result = JsonReportWriter.read(report);
        assertThat(result.passed()).isFalse();
        assertThat(result.counts().sent()).isPositive().isLessThan(1_000);
        assertThat(result.counts().sent() + result.counts().dropped())
                .isLessThanOrEqualTo(result.counts().scheduled());
    }

    @Test
    void twoForksOfOneBuildTakeTurnsAndShareOneSuitePage() throws Exception {
        Path machine = Files.createDirectories(work.resolve("tmp"));
        // The machine's lock file in a folder of the test's own, so no other build on the machine takes part.
        String[] options = {"-Djava.io.tmpdir=" + machine, "-D" + LoadTest.BUILD_ID_PROPERTY_NAME + "=forks-1"};
        List<String> paths;
        String logs;
        try (LoopbackServer server = LoopbackServer.start()) {
            Process first = fork(ForkATestCase.class, server.baseUrl(), work.resolve("a.log"), options);
            Process second = fork(ForkBTestCase.class, server.baseUrl(), work.resolve("b.log"), options);
            try {
                boolean exited = first.waitFor(90, SECONDS) & second.waitFor(90, SECONDS);
                logs = outputOf(work.resolve("a.log")) + outputOf(work.resolve("b.log"));
                assertThat(exited)
                        .as("both forks ended within 90 s; their output:%n%s", logs)
                        .isTrue();
                assertThat(List.of(first.exitValue(), second.exitValue()))
                        .as("exit codes; output:%n%s", logs)
                        .containsOnly(0);
            } finally {
                stop(first);
                stop(second);
            }
            paths = server.seenPaths();
        }

        // One load, then the other: the path changes once in the order the server saw the requests.
        assertThat(paths).hasSize(40);
        long changes = IntStream.range(1, paths.size())
                .filter(i -> !paths.get(i).equals(paths.get(i - 1)))
                .count();
        assertThat(changes).as("requests interleaved: %s", paths).isEqualTo(1);
        String page = Files.readString(reports().resolve("index.md"));
        assertThat(page)
                .contains(
                        "ForkedJvmTests.ForkATestCase.forkA",
                        "ForkedJvmTests.ForkBTestCase.forkB",
                        "**Build**: forks-1  \n",
                        "**Tests**: 2, 0 failed, from 2 JVMs  \n");
        assertThat(Files.readString(reports().resolve("index.html"))).contains("ForkATestCase", "ForkBTestCase");
    }

    /** A steady load that prints the heap in use after a collection before and after it. */
    static class SteadyTestCase {

        private static void printHeapAfterGc(String when) {
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            System.out.println(HEAP_MARKER + when + "=" + (runtime.totalMemory() - runtime.freeMemory()));
        }

        @BeforeEach
        void heapAtStart() {
            printHeapAfterGc("start");
        }

        @AfterEach
        void heapAtEnd() {
            printHeapAfterGc("end");
        }

        @LoadTest(rps = 400, duration = "15s", timeout = "2s")
        @ErrorRateBelow(1)
        void steady(LoadHttp http) {
            http.get("/api");
        }
    }

    /** A load far longer than the test lets it run. */
    static class LongTestCase {

        @LoadTest(rps = 50, duration = "60s", timeout = "2s")
        void oneMinute(LoadHttp http) {
            http.get("/api");
        }
    }

    /** One of two forks of a build, each loading its own path. */
    static class ForkATestCase {

        @LoadTest(rps = 10, duration = "2s")
        void forkA(LoadHttp http) {
            http.get("/fork-a").expectStatus(200);
        }
    }

    /** The other fork. */
    static class ForkBTestCase {

        @LoadTest(rps = 10, duration = "2s")
        void forkB(LoadHttp http) {
            http.get("/fork-b").expectStatus(200);
        }
    }
}
