package io.github.junitloadtest.internal.run;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.support.PermitHolder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One load at a time on the machine: a second holder of the same lock file waits, in this JVM or in
 * another, and a permit held by a JVM that died is free again.
 */
class LoadPermitTests {

    @TempDir
    Path work;

    private final ExecutorService waiter = Executors.newSingleThreadExecutor();
    private final List<String> notices = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopWaiting() {
        waiter.shutdownNow();
    }

    private Path lockFile() {
        return work.resolve("load.lock");
    }

    private Future<LoadPermit> acquireInTheBackground() {
        return waiter.submit(() -> LoadPermit.acquire(lockFile(), "load test Waiting.waits", notices::add));
    }

    /** A child JVM that holds the permit once this returns. */
    private Process holderInAnotherJvm() throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        PermitHolder.class.getName(),
                        lockFile().toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CountDownLatch holding = new CountDownLatch(1);
        Thread reader = new Thread(
                () -> out.lines().filter(PermitHolder.HOLDING::equals).forEach(line -> holding.countDown()));
        reader.setDaemon(true);
        reader.start();
        assertThat(holding.await(30, SECONDS))
                .as("the child JVM took the permit")
                .isTrue();
        return child;
    }

    @Test
    void aSecondHolderInThisJvmWaitsForTheFirstSilently() throws Exception {
        LoadPermit first = LoadPermit.acquire(lockFile(), "load test First.first", notices::add);
        Future<LoadPermit> second = acquireInTheBackground();

        Thread.sleep(300);
        assertThat(second).isNotDone();
        first.close();
        second.get(10, SECONDS).close();
        assertThat(notices).isEmpty();
    }

    @Test
    void aHolderInAnotherJvmMakesItWaitAndSayWhyOnce() throws Exception {
        Process child = holderInAnotherJvm();
        try {
            Future<LoadPermit> permit = acquireInTheBackground();

            Thread.sleep(500);
            assertThat(permit).isNotDone();
            assertThat(notices)
                    .containsExactly("load test Waiting.waits waits for a load test in another JVM on this"
                            + " machine to finish (lock " + lockFile().toAbsolutePath() + ")");
            child.getOutputStream().close();
            permit.get(30, SECONDS).close();
            assertThat(child.waitFor(30, SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(notices).hasSize(1);
    }

    @Test
    void aPermitHeldByAJvmThatDiedIsFree() throws Exception {
        Process child = holderInAnotherJvm();
        Future<LoadPermit> permit = acquireInTheBackground();
        Thread.sleep(200);
        assertThat(permit).isNotDone();

        child.destroyForcibly();
        permit.get(30, SECONDS).close();
        assertThat(child.waitFor(30, SECONDS)).isTrue();
    }

    @Test
    void waitingEndsWithAnInterrupt() throws Exception {
        Process child = holderInAnotherJvm();
        try {
            Future<LoadPermit> permit = acquireInTheBackground();
            Thread.sleep(200);
            permit.cancel(true);
            waiter.shutdown();
            assertThat(waiter.awaitTermination(10, SECONDS))
                    .as("the waiting thread ended")
                    .isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, SECONDS);
        }
        // Nothing of the interrupted wait is left holding this JVM's turn.
        ExecutorService after = Executors.newSingleThreadExecutor();
        try {
            after.submit(() -> LoadPermit.acquire(lockFile(), "load test After.after", notices::add))
                    .get(10, SECONDS)
                    .close();
        } finally {
            after.shutdownNow();
        }
    }
}
