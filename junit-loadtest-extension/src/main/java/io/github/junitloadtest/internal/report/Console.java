package io.github.junitloadtest.internal.report;

import java.io.PrintStream;

/** The process's console: the one place the engine prints to it. */
public final class Console {

    private Console() {}

    /** Where summaries and progress go. */
    public static PrintStream out() {
        return System.out;
    }

    /** Where warnings go. */
    public static PrintStream err() {
        return System.err;
    }

    /** Whether the process runs in a terminal, where a progress line can redraw itself. */
    public static boolean isTerminal() {
        return System.console() != null;
    }
}
