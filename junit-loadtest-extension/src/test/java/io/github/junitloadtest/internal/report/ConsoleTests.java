package io.github.junitloadtest.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleTests {

    @Test
    void aTestJvmWhoseOutputIsAPipeIsNoTerminal() {
        // Surefire's fork writes to a pipe, as CI does: a progress line there must not redraw itself with
        // carriage returns. From JDK 22 System.console() is not null even then.
        assertThat(Console.isTerminal()).isFalse();
    }
}
