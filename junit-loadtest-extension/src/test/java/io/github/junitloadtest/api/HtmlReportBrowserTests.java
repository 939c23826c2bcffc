package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a real HTML report in headless Chromium with the network cut off: the charts must render
 * without a JavaScript error. Skipped, saying why, where Chromium is not installed; {@code .ci/run}
 * installs it.
 */
class HtmlReportBrowserTests {

    private static final Path REPORTS = Path.of("target", "loadtest-browser-check");
    private static final Path SCREENSHOT = REPORTS.resolve("report-screenshot.png");

    @TempDir
    Path profile;

    @Test
    void theReportRendersItsChartsOfflineInChromium() throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(
                chromium.isPresent(),
                "Chromium not found (looked for chromium and chromium-browser on the PATH);"
                        + " install Debian's chromium package to run the browser check of the HTML report");
        // Nothing from an earlier build may stand in for what this run writes.
        Files.deleteIfExists(REPORTS.resolve("HtmlReportBrowserTests.BrowserTestCase.browsed.html"));
        Files.deleteIfExists(SCREENSHOT);
        try (LoopbackServer server = LoopbackServer.start().slowRoute("/api/slow", 20)) {
            Engine.run(BrowserTestCase.class, server.baseUrl(), REPORTS)
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1));
        }
        Path html = REPORTS.resolve("HtmlReportBrowserTests.BrowserTestCase.browsed.html")
                .toAbsolutePath();

        String dom = run(chromium.get(), 1280, "--dump-dom", html.toUri().toString());
        Files.createDirectories(SCREENSHOT.getParent());
        run(
                chromium.get(),
                1280,
                "--screenshot=" + SCREENSHOT.toAbsolutePath(),
                html.toUri().toString());

        String body = bodyOf(dom);
        assertThat(body).doesNotContain("data-js-error").contains("data-charts-rendered=\"4\"");
        assertThat(dom.split("class=\"uplot", -1)).hasSize(5);
        // The p95 limit of the whole run as a line on the latency chart; both named stages as bands.
        assertThat(body).contains("data-threshold-lines=\"1\"").contains("data-phase-bands=\"2\"");
        assertThat(body).contains("data-overflow=\"none\"");
        assertThat(SCREENSHOT).exists().isNotEmptyFile();
        // On a phone's width nothing is wider than the window either: wide tables scroll in their own box.
        assertThat(bodyOf(run(chromium.get(), 390, "--dump-dom", html.toUri().toString())))
                .doesNotContain("data-js-error")
                .contains("data-charts-rendered=\"4\"")
                .contains("data-overflow=\"none\"");
        Path suitePage = REPORTS.resolve("index.html").toAbsolutePath();
        for (int width : new int[] {1280, 390}) {
            assertThat(bodyOf(run(
                            chromium.get(),
                            width,
                            "--dump-dom",
                            suitePage.toUri().toString())))
                    .as("the suite page at %d px", width)
                    .contains("data-overflow=\"none\"");
        }
    }

    private static String bodyOf(String dom) {
        java.util.regex.Matcher body =
                java.util.regex.Pattern.compile("<body[^>]*>").matcher(dom);
        assertThat(body.find()).as("a <body> in what Chromium rendered").isTrue();
        return body.group();
    }

    private String run(Path chromium, int width, String action, String url) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--disable-extensions",
                // No network at all: every host name fails to resolve, so the page can only use what it carries.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile,
                "--window-size=" + width + ",2600",
                "--virtual-time-budget=5000",
                action,
                url));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("chromium finished")
                .isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static Optional<Path> chromium() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .flatMap(dir -> Stream.of(Path.of(dir, "chromium"), Path.of(dir, "chromium-browser")))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static class BrowserTestCase {
        @LoadTest(
                stages = {
                    @Stage(name = "calm", duration = "1s", from = 20, rps = 20),
                    @Stage(name = "busy", duration = "2s", rps = 40)
                })
        @P95Below(500)
        @ErrorRateBelow(1)
        void browsed(LoadHttp http) {
            http.get("/api/fast")
                    .expectStatus(200)
                    // User text that once ended the embedded data early: it must not stop the charts.
                    .check("quoted </script> and <!--<script> in a name", response -> true);
            http.get("/api/slow").expectStatus(200);
        }
    }
}
