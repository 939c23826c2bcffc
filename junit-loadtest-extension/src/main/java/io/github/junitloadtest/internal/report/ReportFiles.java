package io.github.junitloadtest.internal.report;

/** File names that are safe on every file system for any test name, and writing them. */
public final class ReportFiles {

    private static final int MAX_LENGTH = 150;

    private ReportFiles() {}

    /**
     * Writes text as UTF-8, creating the folder.
     *
     * @param file the file
     * @param text its content
     * @return the file
     */
    public static java.nio.file.Path writeString(java.nio.file.Path file, String text) {
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            return java.nio.file.Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not write " + file.toAbsolutePath(), e);
        }
    }

    /**
     * Keeps letters, digits, dots, dashes and underscores; replaces the rest with underscores. When that
     * changes or shortens the name, a short hash of the original keeps two names from meeting
     * ({@code größe} and {@code grüße}).
     *
     * @param testId for example {@code "TemplateListLoadTests.templateList"}
     * @return a file name without extension
     */
    public static String safeName(String testId) {
        String safe = testId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.equals(testId) && safe.length() <= MAX_LENGTH) {
            return safe;
        }
        String hash = String.format("%08x", testId.hashCode());
        return (safe.length() <= MAX_LENGTH - 9 ? safe : safe.substring(0, MAX_LENGTH - 9)) + "-" + hash;
    }
}
