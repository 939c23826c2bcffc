package io.github.junitloadtest.support;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds threads the extension left behind. */
public final class Threads {

    private Threads() {}

    /** Names of live threads starting with {@code loadtest-}, after giving them up to two seconds to end. */
    public static List<String> leftoverLoadTestThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("loadtest-"))
                    .toList();
            if (alive.isEmpty()) {
                return alive;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return alive;
    }
}
