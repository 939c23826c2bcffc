package io.github.junitloadtest.internal.http;

import io.github.junitloadtest.internal.schedule.NanoClock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends response bodies that outlive their deadline. The JDK client's request timeout stops at the
 * response headers, so a body that trickles or never ends would otherwise hold its worker until the
 * run's drain limit. One thread per run checks the bodies being read every {@link #TICK}.
 */
final class RequestDeadlines implements AutoCloseable {

    static final String THREAD_NAME = "loadtest-deadlines";
    static final Duration TICK = Duration.ofMillis(10);

    private final Set<ResponseBody> reading = ConcurrentHashMap.newKeySet();
    private final NanoClock clock;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts watching.
     *
     * @param clock the run's clock, the one deadlines are on
     */
    RequestDeadlines(NanoClock clock) {
        this.clock = clock;
        this.thread = new Thread(this::watch, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /** A body to end at its deadline. */
    void watch(ResponseBody body) {
        reading.add(body);
    }

    /** A body that ended by itself. */
    void forget(ResponseBody body) {
        reading.remove(body);
    }

    /**
     * Ends every body past its deadline now.
     *
     * @return how many were ended
     */
    int expireDue() {
        long now = clock.nanoTime();
        int expired = 0;
        for (ResponseBody body : reading) {
            if (now - body.deadlineNanos() >= 0) {
                reading.remove(body);
                body.expire();
                expired++;
            }
        }
        return expired;
    }

    private void watch() {
        while (!closed) {
            LockSupport.parkNanos(TICK.toNanos());
            expireDue();
        }
    }

    /** Stops the thread; bodies still being read are ended by the client's shutdown. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        boolean interrupted = Thread.interrupted();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
