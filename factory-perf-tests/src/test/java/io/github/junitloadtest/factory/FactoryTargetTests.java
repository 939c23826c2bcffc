package io.github.junitloadtest.factory;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.sun.net.httpserver.HttpServer;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The target printed is the target loaded, for every source of a base URL and every pair of them
 * with the suite's own {@code factory.baseUrl}: the system property {@code loadtest.baseUrl}, the
 * environment variable {@code BASE_URL} and the configuration parameter {@code loadtest.baseUrl}.
 * Each source names a loopback server of its own, so the server that received the load says which
 * one won. Runs that set {@code BASE_URL} run in a JVM of their own; the order among the three
 * shared sources, every combination of them, is {@code BaseUrlTests}' (the suite reads them through
 * {@code LoadTestTarget.configuredBaseUrl}, as the load tests do).
 */
class FactoryTargetTests {

    private static final String TEMPLATES = "/api/public/factory/templates";

    /** Where a base URL can come from. */
    enum Source {
        FACTORY_PROPERTY("system property 'factory.baseUrl'"),
        PROPERTY("system property 'loadtest.baseUrl'"),
        ENVIRONMENT("environment variable BASE_URL"),
        PARAMETER("configuration parameter 'loadtest.baseUrl'");

        final String name;

        Source(String name) {
            this.name = name;
        }
    }

    @TempDir
    Path work;

    private final List<CountingServer> servers = new ArrayList<>();

    @BeforeEach
    void startServers() throws IOException {
        assumeTrue(
                System.getenv(LoadTest.BASE_URL_ENVIRONMENT_VARIABLE) == null
                        && System.getProperty(LoadTest.BASE_URL_PROPERTY_NAME) == null
                        && System.getProperty(FactoryTarget.BASE_URL_PROPERTY_NAME) == null,
                "these runs set the base URL themselves; skipped because one is already set for this JVM");
        servers.add(CountingServer.start());
        servers.add(CountingServer.start());
    }

    @AfterEach
    void stopServers() {
        servers.forEach(CountingServer::close);
    }

    static Stream<Arguments> namedTargets() {
        return Stream.of(
                Arguments.of(List.of(Source.FACTORY_PROPERTY), Source.FACTORY_PROPERTY),
                Arguments.of(List.of(Source.PROPERTY), Source.PROPERTY),
                Arguments.of(List.of(Source.ENVIRONMENT), Source.ENVIRONMENT),
                Arguments.of(List.of(Source.PARAMETER), Source.PARAMETER),
                Arguments.of(List.of(Source.PROPERTY, Source.PARAMETER), Source.PROPERTY));
    }

    @ParameterizedTest(name = "{0} → {1} wins")
    @MethodSource("namedTargets")
    void theSettingThatWinsIsTheTargetPrintedAndTheTargetLoaded(List<Source> sources, Source winner) throws Exception {
        Run run = run(aimed(sources));

        CountingServer loaded = servers.get(sources.indexOf(winner));
        assertThat(run.failures()).as("failures; output:%n%s", run.output()).isEmpty();
        assertThat(run.output())
                .contains("factory target: " + loaded.baseUrl() + " (real deployment, named by " + winner.name + ")");
        assertThat(loaded.requests())
                .as("requests at the winner, %s", winner.name)
                .isEqualTo(AimedTestCase.ARRIVALS);
        assertThat(servers.stream()
                        .filter(server -> server != loaded)
                        .mapToInt(CountingServer::requests)
                        .sum())
                .as("requests anywhere else")
                .isZero();
    }

    static Stream<Arguments> conflictingTargets() {
        return Stream.of(Source.PROPERTY, Source.ENVIRONMENT, Source.PARAMETER).map(Arguments::of);
    }

    @ParameterizedTest(name = "factory.baseUrl against {0}")
    @MethodSource("conflictingTargets")
    void theSuitesOwnSettingNamingAnotherTargetThanTheLoadTestsWouldUseFailsBeforeAnyRequest(Source other)
            throws Exception {
        Run run = run(aimed(List.of(Source.FACTORY_PROPERTY, other)));

        assertThat(run.failures())
                .singleElement()
                .asString()
                .startsWith("Configuration error: system property 'factory.baseUrl' names [\""
                        + servers.get(0).baseUrl() + "\"] but " + other.name + " names [\""
                        + servers.get(1).baseUrl() + "\"]")
                .contains("nothing was sent");
        assertThat(servers).allSatisfy(server -> assertThat(server.requests()).isZero());
    }

    @ParameterizedTest(name = "factory.baseUrl and {0} naming one URL")
    @EnumSource(
            value = Source.class,
            names = {"PROPERTY", "PARAMETER"})
    void theSuitesOwnSettingMayRepeatTheTargetTheLoadTestsUse(Source other) throws Exception {
        Map<Source, String> sameUrl = new LinkedHashMap<>();
        sameUrl.put(Source.FACTORY_PROPERTY, servers.get(0).baseUrl() + "/");
        sameUrl.put(other, servers.get(0).baseUrl());

        Run run = run(sameUrl);

        assertThat(run.failures()).as("failures; output:%n%s", run.output()).isEmpty();
        assertThat(run.output())
                .contains("factory target: " + servers.get(0).baseUrl() + " (real deployment, named by " + other.name
                        + ")");
        assertThat(servers.get(0).requests()).isEqualTo(AimedTestCase.ARRIVALS);
    }

    @org.junit.jupiter.api.Test
    void withNoTargetNamedTheLoadGoesToTheEmbeddedStubAndThePageSaysSo() throws Exception {
        Run run = run(Map.of());

        assertThat(run.failures()).as("failures; output:%n%s", run.output()).isEmpty();
        assertThat(run.output())
                .containsPattern("factory target: http://127\\.0\\.0\\.1:\\d+ \\(embedded WireMock stub,"
                        + " no base URL set\\)");
        assertThat(servers).allSatisfy(server -> assertThat(server.requests()).isZero());
        assertThat(Files.readString(work.resolve("reports").resolve("index.md")))
                .contains("(embedded stub)");
    }

    /** Each source names the next server: the first source the first server, the second the second. */
    private Map<Source, String> aimed(List<Source> sources) {
        Map<Source, String> urls = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            urls.put(sources.get(i), servers.get(i).baseUrl());
        }
        return urls;
    }

    private Run run(Map<Source, String> urls) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(
                LoadTest.REPORT_DIR_PROPERTY_NAME, work.resolve("reports").toString());
        parameters.put(LoadTest.GENERATOR_WARMUP_PROPERTY_NAME, "false");
        if (urls.containsKey(Source.PARAMETER)) {
            parameters.put(LoadTest.BASE_URL_PROPERTY_NAME, urls.get(Source.PARAMETER));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (urls.containsKey(Source.PROPERTY)) {
            properties.put(LoadTest.BASE_URL_PROPERTY_NAME, urls.get(Source.PROPERTY));
        }
        if (urls.containsKey(Source.FACTORY_PROPERTY)) {
            properties.put(FactoryTarget.BASE_URL_PROPERTY_NAME, urls.get(Source.FACTORY_PROPERTY));
        }
        return urls.containsKey(Source.ENVIRONMENT)
                ? inAJvmOfItsOwn(urls.get(Source.ENVIRONMENT), properties, parameters)
                : inThisJvm(properties, parameters);
    }

    private static Run inThisJvm(Map<String, String> properties, Map<String, String> parameters) {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
        properties.forEach(System::setProperty);
        try {
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(AimedTestCase.class))
                    .enableImplicitConfigurationParameters(false)
                    .configurationParameters(parameters)
                    .execute();
            List<String> failures = results.allEvents().failed().stream()
                    .map(Event::getPayload)
                    .map(payload -> payload.flatMap(value -> ((TestExecutionResult) value).getThrowable())
                            .map(Throwable::getMessage)
                            .orElse("(no message)"))
                    .toList();
            return new Run(captured.toString(StandardCharsets.UTF_8), failures);
        } finally {
            properties.keySet().forEach(System::clearProperty);
            System.setOut(console);
        }
    }

    private Run inAJvmOfItsOwn(
            String environmentBaseUrl, Map<String, String> properties, Map<String, String> parameters)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName()));
        parameters.forEach((key, value) -> command.add(key + "=" + value));
        Path output = work.resolve("child.log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put(LoadTest.BASE_URL_ENVIRONMENT_VARIABLE, environmentBaseUrl);
        Process child = builder.start();
        try {
            boolean exited = child.waitFor(60, SECONDS);
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(exited)
                    .as("the child ended within 60 s; its output:%n%s", log)
                    .isTrue();
            List<String> failures = log.lines()
                    .filter(line -> line.startsWith(Child.FAILURE))
                    .map(line -> line.substring(Child.FAILURE.length()))
                    .toList();
            assertThat(log).as("the child's output").contains(Child.DONE);
            return new Run(log, failures);
        } finally {
            child.destroyForcibly();
            child.waitFor(10, SECONDS);
        }
    }

    /** What a run printed, and the message of every test or class that failed. */
    private record Run(String output, List<String> failures) {}

    /** One short load test aimed by {@link FactoryTarget}: {@value #ARRIVALS} arrivals. */
    @ExtendWith(FactoryTarget.class)
    static class AimedTestCase {

        static final int ARRIVALS = 3;

        @LoadTest(rps = 10, duration = "300ms", timeout = "2s")
        void templates(LoadHttp http) {
            http.get(TEMPLATES).expectStatus(200);
        }
    }

    /**
     * Runs {@link AimedTestCase} in a JVM of its own, for the runs that set an environment variable.
     * Its arguments are configuration parameters as {@code key=value}; it prints one line per
     * failure and one when done.
     */
    static final class Child {

        static final String FAILURE = "failure: ";
        static final String DONE = "child done";

        public static void main(String[] args) {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String arg : args) {
                parameters.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(AimedTestCase.class))
                    .enableImplicitConfigurationParameters(false)
                    .configurationParameters(parameters)
                    .build();
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .build());
            List<String> failures = new ArrayList<>();
            launcher.execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
                    if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        failures.add(
                                result.getThrowable().map(Throwable::getMessage).orElse("(no message)"));
                    }
                }
            });
            System.out.flush();
            failures.forEach(message -> System.out.println(FAILURE + message.replace('\n', ' ')));
            System.out.println(DONE);
        }
    }

    /** A loopback server that answers the templates list and counts the requests it received. */
    private static final class CountingServer implements AutoCloseable {

        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();

        private CountingServer(HttpServer server) {
            this.server = server;
        }

        static CountingServer start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            CountingServer counting = new CountingServer(server);
            server.createContext("/", exchange -> {
                counting.requests.incrementAndGet();
                byte[] body = "{\"templates\":[]}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(
                        TEMPLATES.equals(exchange.getRequestURI().getPath()) ? 200 : 404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return counting;
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Writes to the console and to a buffer. */
    private static final class Tee extends OutputStream {

        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
