package io.github.junitloadtest.internal.report;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.internal.report.SuiteEntry.Jvm;
import io.github.junitloadtest.internal.report.SuiteEntry.Status;
import io.github.junitloadtest.support.SuiteWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which entries make up this build, what approval it gets, and pages rewritten by several writers at once. */
class SuiteReportTests {

    private static final Jvm EARLIER_JVM = new Jvm(-1, "2001-01-01T00:00:00Z");

    @TempDir
    Path reports;

    private static SuiteEntry entry(String build, Jvm jvm, Instant written) {
        return new SuiteEntry(
                build,
                jvm,
                written.toString(),
                "Tests.test",
                Status.PASSED,
                "",
                false,
                written.toString(),
                "",
                0,
                0,
                0,
                0,
                0,
                SuiteEntry.Target.NONE,
                List.of(),
                null);
    }

    @Test
    void aBuildIdDecidesAlone() {
        Build build = Build.current(Optional.of("b1"));
        Instant now = Instant.now();

        assertThat(build.includes(entry("b1", EARLIER_JVM, Instant.parse("2001-01-01T00:00:01Z"))))
                .isTrue();
        assertThat(build.includes(entry("b0", Jvm.THIS, now))).isFalse();
        assertThat(build.includes(entry("", Jvm.THIS, now))).isFalse();
    }

    @Test
    void withoutABuildIdThisJvmAndWhatWasWrittenSinceItStartedAreTheBuild() {
        Build build = Build.current(Optional.empty());
        Instant started = Instant.parse(Jvm.THIS.started());

        assertThat(build.includes(entry("", Jvm.THIS, started))).isTrue();
        assertThat(build.includes(entry("", EARLIER_JVM, started)))
                .as("a JVM alongside this one")
                .isTrue();
        assertThat(build.includes(entry("", EARLIER_JVM, started.minusMillis(1))))
                .as("an earlier run")
                .isFalse();
        assertThat(build.includes(entry("b1", Jvm.THIS, started)))
                .as("a build with an id")
                .isFalse();
    }

    @Test
    void approvalNeedsEveryTestPassedAtFullLengthAgainstARealTarget() {
        assertThat(Approval.of(0, 3, List.of(1.0, 1.0), List.of(1.0, 1.0), false)
                        .approved())
                .isTrue();

        Approval failed = Approval.of(1, 3, List.of(1.0), List.of(1.0), false);
        assertThat(failed.approved()).isFalse();
        assertThat(failed.rejected()).isTrue();
        assertThat(failed.notOfferedBecause()).isEmpty();

        Approval scaledStub = Approval.of(0, 2, List.of(1.0, 0.05, 0.1, 0.05), List.of(1.0), true);
        assertThat(scaledStub.approved()).isFalse();
        assertThat(scaledStub.rejected()).isFalse();
        assertThat(scaledStub.notOffered())
                .isEqualTo("not offered: scaled run (durationScale 0.05, 0.1), embedded stub");

        // A gate at three times the declared rate is not the gate that was declared.
        Approval rateScaled = Approval.of(0, 2, List.of(1.0), List.of(3.0, 1.0), false);
        assertThat(rateScaled.approved()).isFalse();
        assertThat(rateScaled.notOffered()).isEqualTo("not offered: rate-scaled run (rateScale 3)");
    }

    @Test
    void writersInTwoThreadsAndAnotherJvmAllEndUpOnThePageWhichIsNeverHalfWritten() throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SuiteWriter.class.getName(),
                        reports.toString(),
                        "b9",
                        "Child",
                        "20")
                .redirectErrorStream(true)
                .start();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> torn = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        // Threads of its own: the common pool may have a single thread on two cores, which the reader would keep.
        ExecutorService threads = Executors.newFixedThreadPool(3);
        CompletableFuture<Void> reader = CompletableFuture.runAsync(
                () -> {
                    while (writing.get()) {
                        readPage().ifPresent(page -> {
                            reads.incrementAndGet();
                            if (!page.endsWith("</html>\n")) {
                                torn.add(page);
                            }
                        });
                    }
                },
                threads);
        CompletableFuture<Void> first =
                CompletableFuture.runAsync(() -> SuiteWriter.write(reports, "b9", "First", 20), threads);
        CompletableFuture<Void> second =
                CompletableFuture.runAsync(() -> SuiteWriter.write(reports, "b9", "Second", 20), threads);
        first.get(60, SECONDS);
        second.get(60, SECONDS);
        String childOutput = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor(60, SECONDS)).isTrue();
        writing.set(false);
        reader.get(10, SECONDS);
        threads.shutdown();
        assertThat(child.exitValue()).as(childOutput).isZero();
        SuiteWriter.write(reports, "b9", "Last", 1);

        String markdown = Files.readString(reports.resolve("index.md"));
        assertThat(markdown).contains("**Tests**: 61, 0 failed, from 2 JVMs");
        assertThat(markdown.lines().filter(line -> line.contains("| ✓ passed |")))
                .hasSize(61);
        assertThat(reads).hasPositiveValue();
        assertThat(torn).isEmpty();
        assertThat(childOutput).doesNotContain("warning");
        try (Stream<Path> files = Files.walk(reports)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    private Optional<String> readPage() {
        try {
            return Optional.of(Files.readString(reports.resolve("index.html")));
        } catch (NoSuchFileException notYet) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
