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

    /** Live threads that would keep a JVM from exiting. */
    public static long liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> !thread.isDaemon())
                .count();
    }

    /** This process's open file descriptors, from the operating system's own count; -1 where unknown. */
    public static long openFileDescriptors() {
        java.lang.management.OperatingSystemMXBean os =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }

    /** What each open file descriptor of this JVM points at, for a failure's message; empty where /proc is missing. */
    public static java.util.List<String> openFileDescriptorTargets() {
        java.util.List<String> targets = new java.util.ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> fds =
                java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            for (java.nio.file.Path fd : fds.toList()) {
                try {
                    targets.add(fd.getFileName() + "->" + java.nio.file.Files.readSymbolicLink(fd));
                } catch (java.io.IOException closedMeanwhile) {
                    // gone between the listing and the read
                }
            }
        } catch (java.io.IOException | UnsupportedOperationException noProc) {
            // not Linux
        }
        return targets;
    }

    /** Open file descriptors after garbage collection, waiting up to six seconds for them to fall to the bound. */
    public static long openFileDescriptorsAfterGc(long bound) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        long open;
        do {
            System.gc();
            Thread.sleep(100);
            open = openFileDescriptors();
        } while (open > bound && System.nanoTime() < deadline);
        return open;
    }
}
