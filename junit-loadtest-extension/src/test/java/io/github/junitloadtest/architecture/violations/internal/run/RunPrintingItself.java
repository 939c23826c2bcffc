package io.github.junitloadtest.architecture.violations.internal.run;

/** Breaks the rule that only the report stage prints. */
public final class RunPrintingItself {

    private RunPrintingItself() {}

    public static void announce() {
        System.out.println("starting");
    }
}
