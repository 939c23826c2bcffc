package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.internal.report.SuiteEntry.Jvm;
import java.time.Instant;
import java.util.Optional;

/**
 * The build whose load tests the suite pages show.
 *
 * <p>With an id ({@code loadtest.buildId}), the build is every JVM that gave the same id: the forks of
 * Surefire and Failsafe in one Maven build get the same {@code ${maven.build.timestamp}}, and the next
 * build another. Without one, as in an IDE, it is this JVM and the JVMs that ran alongside it: an entry
 * written before this JVM started is from an earlier run, whose page must not carry over.
 *
 * @param id the build's id, or empty when none was given
 * @param jvm the JVM writing the pages
 */
public record Build(String id, Jvm jvm) {

    /**
     * The build of this JVM.
     *
     * @param id the id it was given, if any
     * @return the build
     */
    public static Build current(Optional<String> id) {
        return new Build(id.orElse(""), Jvm.THIS);
    }

    /**
     * Whether an entry belongs to this build.
     *
     * @param entry an entry in the report folder
     * @return true when it is this build's
     */
    public boolean includes(SuiteEntry entry) {
        if (!id.isEmpty()) {
            return id.equals(entry.build());
        }
        return entry.build().isEmpty()
                && (entry.jvm().equals(jvm) || !Instant.parse(entry.written()).isBefore(Instant.parse(jvm.started())));
    }

    /** The build in words, for the pages. */
    public String describe() {
        return id.isEmpty() ? "this JVM and any alongside it (no loadtest.buildId given)" : id;
    }
}
