package io.github.junitloadtest.internal.run;

import java.util.concurrent.ThreadFactory;

/** Threads of a run's helpers: daemons, so a JVM whose tests are over never waits for one, and named. */
final class DaemonThreads {

    private DaemonThreads() {}

    /**
     * Daemon threads all of one name.
     *
     * @param name for example {@code loadtest-target-metrics}
     * @return the factory
     */
    static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
