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
    @SuppressWarnings("SystemConsoleNull") // null is the answer before JDK 22; isTerminal() is asked after
    public static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        // On JDK 22 to 24 a console exists even when the output is a pipe or a file; Console.isTerminal(),
        // new in JDK 22, tells them apart. Looked up by name: the library is compiled for Java 17.
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException beforeJdk22) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException unknown) {
            return false;
        }
    }
}
