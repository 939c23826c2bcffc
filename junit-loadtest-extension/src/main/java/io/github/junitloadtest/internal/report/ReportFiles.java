package io.github.junitloadtest.internal.report;

/** File names that are safe on every file system for any test name. */
public final class ReportFiles {

    private static final int MAX_LENGTH = 150;

    private ReportFiles() {}

    /**
     * Keeps letters, digits, dots, dashes and underscores; replaces the rest with underscores.
     *
     * @param testId for example {@code "TemplateListLoadTests.templateList"}
     * @return a file name without extension
     */
    public static String safeName(String testId) {
        String safe = testId.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() <= MAX_LENGTH ? safe : safe.substring(0, MAX_LENGTH);
    }
}
