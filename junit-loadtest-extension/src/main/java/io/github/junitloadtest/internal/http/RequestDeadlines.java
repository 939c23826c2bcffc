package io.github.junitloadtest.internal.http;

import io.github.junitloadtest.internal.schedule.NanoClock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends response bodies that outlive their deadline. The JDK client's request timeout stops at the
 * response headers, so a body that trickles or never ends would otherwise hold its worker until the
 * run's drain limit. One thread per run checks the exchanges reading a body every {@link #TICK}.
 */
final class RequestDeadlines implements AutoCloseable {

    static final String THREAD_NAME = "loadtest-deadlines";
    static final Duration TICK = Duration.ofMillis(10);

    private final Set<Exchange> reading = ConcurrentHashMap.newKeySet();
    private final NanoClock clock;
    private final Thread thread;
    private volatile boolean closed;

    /** An exchange reading its body, which can be cut once its deadline passes. */
    interface Exchange {
        /** When the exchange must be over, on the run's clock. */
        long deadlineNanos();

        /** Cuts the exchange; does nothing once it has ended. */
        void expire();
    }

    /**
     * Starts watching.
     *
     * @param clock the run's clock, the one deadlines are on
     */
    RequestDeadlines(NanoClock clock) {
        this(clock, true);
    }

    /**
     * Watches with or without its own thread; without, only {@link #expireDue()} cuts, for tests on a
     * manual clock.
     */
    RequestDeadlines(NanoClock clock, boolean ownThread) {
        this.clock = clock;
        this.thread = new Thread(this::watch, THREAD_NAME);
        thread.setDaemon(true);
        if (ownThread) {
            thread.start();
        }
    }

    /** An exchange to cut at its deadline. */
    void watch(Exchange exchange) {
        reading.add(exchange);
    }

    /** An exchange that ended by itself. */
    void forget(Exchange exchange) {
        reading.remove(exchange);
    }

    /**
     * Cuts every exchange past its deadline now.
     *
     * @return how many were cut
     */
    int expireDue() {
        long now = clock.nanoTime();
        int expired = 0;
        for (Exchange exchange : reading) {
            if (now - exchange.deadlineNanos() >= 0) {
                reading.remove(exchange);
                exchange.expire();
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

    /** Stops the thread; exchanges still running are ended by the workers' cancellation. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        boolean interrupted = Thread.interrupted();
        try {
            if (thread.isAlive()) {
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
