package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** Secrets a test handles never reach the console, the reports or the failure messages. */
class SecretsTests {

    private static final List<String> SECRETS =
            List.of("hunter2", "SECRET1", "SECRET2", "SECRET3", "SECRET4", "SECRET5", "SECRET6", "SECRET7");

    @TempDir
    Path reports;

    @Test
    void noSecretReachesAnyOutput() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        EngineExecutionResults results;
        try (LoopbackServer server = LoopbackServer.start().route("/api", 401, "{}")) {
            String baseUrl = server.baseUrl().replace("http://", "http://admin:hunter2@");
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            try {
                results = Engine.run(
                        SecretTestCase.class,
                        baseUrl,
                        reports,
                        Map.of(LoadTest.SECRET_HEADERS_PROPERTY_NAME, "X-Api-Key"));
            } finally {
                System.setOut(original);
            }
        }

        StringBuilder everything = new StringBuilder(console.toString(StandardCharsets.UTF_8));
        results.testEvents().failed().stream()
                .map(Event::getPayload)
                .flatMap(java.util.Optional::stream)
                .forEach(payload -> everything.append(payload));
        List<Path> files;
        // The suite pages' entries in their folder too.
        try (Stream<Path> listed = Files.walk(reports)) {
            files = listed.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            everything.append(Files.readString(file, StandardCharsets.ISO_8859_1));
        }
        assertThat(files)
                .extracting(file -> file.getFileName().toString())
                .contains(
                        "SecretsTests.SecretTestCase.leaky.json",
                        "SecretsTests.SecretTestCase.leaky.md",
                        "SecretsTests.SecretTestCase.leaky.html");
        assertThat(everything.toString())
                .contains("Authorization: ***", "http://***@127.0.0.1")
                .doesNotContain(SECRETS);
    }

    static class SecretTestCase {
        @LoadTest(rps = 10, duration = "500ms")
        @ErrorRateBelow(0)
        void leaky(LoadHttp http) {
            LoadResponse response = http.get("/api?access_token={token}", "SECRET1");
            response.check("signed with ?api_key=SECRET4", ok -> false);
            if (response.status() == 401) {
                response.expectStatus(401);
                throw new IllegalStateException("refused Authorization: Bearer SECRET2.abcdefgh; Cookie: s=SECRET3;"
                        + " X-Api-Key: SECRET5 after sending {\"x-api-key\": \"SECRET6\"} and got"
                        + " {\"refresh_token\":\"SECRET7\"}");
            }
        }
    }
}
