package io.github.junitloadtest.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpClientsTests {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void closingWithTheInterruptFlagSetShutsDownAndKeepsTheFlag() throws Exception {
        HttpClients clients = new HttpClients(Duration.ofSeconds(1), false);
        Thread.currentThread().interrupt();

        assertThatCode(clients::close).doesNotThrowAnyException();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(clients.executorTerminated()).isTrue();
    }
}
