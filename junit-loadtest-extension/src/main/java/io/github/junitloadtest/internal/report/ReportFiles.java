package io.github.junitloadtest.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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
    public static Path writeString(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file.toAbsolutePath(), e);
        }
    }

    /**
     * Writes text as UTF-8 to a temporary file beside the file, then moves it into place, so a reader
     * in another JVM sees the old content or the new, never half of it.
     *
     * @param file the file
     * @param text its content
     * @return the file
     */
    public static Path writeAtomically(Path file, String text) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null) {
            throw new IllegalArgumentException("not a file: " + file.toAbsolutePath());
        }
        @Nullable Path temporary = null;
        try {
            Files.createDirectories(folder);
            // Not Files.createTempFile, whose owner-only permissions would stay on the report.
            temporary = folder.resolve(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.writeString(
                    temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file.toAbsolutePath(), e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void deleteQuietly(@Nullable Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException leftBehind) {
                // A stray .tmp file is harmless: nothing reads it.
            }
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
