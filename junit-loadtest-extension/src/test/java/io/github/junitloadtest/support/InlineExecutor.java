package io.github.junitloadtest.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Workers without threads, for runs on a {@link ManualClock}: each iteration runs on the thread that
 * hands it over, so time moves only when an iteration moves it. An iteration the test marks as hanging
 * is held instead, keeping its worker busy, and runs only when the workers are cancelled, with its
 * thread interrupted, as a real worker's iteration would see the cancellation.
 */
public final class InlineExecutor extends AbstractExecutorService {

    private final List<Runnable> held = new ArrayList<>();
    private boolean hangs;
    private boolean shutdown;

    /** From now on, iterations hang until cancelled. */
    public void hangFromNowOn() {
        hangs = true;
    }

    @Override
    public void execute(Runnable command) {
        if (hangs) {
            held.add(command);
        } else {
            command.run();
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        for (Runnable command : held) {
            Thread.currentThread().interrupt();
            try {
                command.run();
            } finally {
                Thread.interrupted();
            }
        }
        held.clear();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && held.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return held.isEmpty();
    }
}
