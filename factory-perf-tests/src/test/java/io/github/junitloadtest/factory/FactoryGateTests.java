package io.github.junitloadtest.factory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.junitloadtest.api.LoadTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The gate is only worth having if it fails a bad service: the template-list scenario, at 2 % of
 * its duration (21 requests), against the stub made slow, failing or unreachable.
 */
class FactoryGateTests {

    private static final String TEMPLATES = "/api/public/factory/templates";

    @TempDir
    Path reports;

    private FactoryStub stub;

    @BeforeEach
    void startStub() {
        // These runs are about the stub; a real target named outside would take precedence over it.
        assumeTrue(
                System.getenv(LoadTest.BASE_URL_ENVIRONMENT_VARIABLE) == null
                        && System.getProperty(LoadTest.BASE_URL_PROPERTY_NAME) == null,
                "gate tests need the embedded stub; skipped because BASE_URL or loadtest.baseUrl names another target");
        stub = FactoryStub.startWarmedUp();
    }

    @AfterEach
    void stopStub() {
        if (stub != null) {
            stub.close();
        }
    }

    private EngineExecutionResults runTemplateList() {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(TemplateListLoadTests.class))
                .enableImplicitConfigurationParameters(false)
                .configurationParameter(
                        LoadTest.BASE_URL_PROPERTY_NAME, stub.baseUrl().toString())
                .configurationParameter(LoadTest.DURATION_SCALE_PROPERTY_NAME, "0.02")
                .configurationParameter(LoadTest.REPORT_DIR_PROPERTY_NAME, reports.toString())
                .execute();
    }

    @Test
    void aHealthyStubPasses() {
        runTemplateList()
                .testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test("templateList"), finishedSuccessfully()));
    }

    @Test
    void aServiceSlowerThanTheTargetFailsOnP95AndP99() {
        stub.server()
                .stubFor(get(urlPathEqualTo(TEMPLATES))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withBody("{\"templates\":[]}")
                                .withFixedDelay(1100)));

        runTemplateList()
                .testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("templateList"),
                                finishedWithFailure(
                                        message(
                                                m -> m.contains("failed 2 checks")
                                                        && m.matches(
                                                                "(?s).*p95 latency 1\\d{3}(\\.\\d+)? ms exceeded 500 ms \\(n=21, 16\\.7 req/s for 1\\.2 s.*")
                                                        && m.matches(
                                                                "(?s).*p99 latency 1\\d{3}(\\.\\d+)? ms exceeded 1000 ms \\(n=21, .*")))));
    }

    @Test
    void a503StormFailsOnTheErrorRate() {
        stub.server()
                .stubFor(get(urlPathEqualTo(TEMPLATES))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"overloaded\"}")));

        runTemplateList()
                .testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("templateList"),
                                finishedWithFailure(
                                        message(
                                                "error rate 100 % exceeded 0 % (21 of 21 iterations failed: 21 HTTP_5XX; 16.7 req/s for 1.2 s)"))));
    }

    @Test
    void connectionResetsFailOnTheErrorRate() {
        stub.server()
                .stubFor(get(urlPathEqualTo(TEMPLATES))
                        .atPriority(1)
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        runTemplateList()
                .testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("templateList"),
                                finishedWithFailure(
                                        message(
                                                "error rate 100 % exceeded 0 % (21 of 21 iterations failed: 21 RESET; 16.7 req/s for 1.2 s)"))));
    }

    @Test
    void anUnreachableServiceFailsBeforeTheLoadNamingHostAndPort() {
        String unreachable = stub.baseUrl().toString();
        stub.close();
        stub = null;

        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(TemplateListLoadTests.class))
                .enableImplicitConfigurationParameters(false)
                .configurationParameter(LoadTest.BASE_URL_PROPERTY_NAME, unreachable)
                .configurationParameter(LoadTest.DURATION_SCALE_PROPERTY_NAME, "0.05")
                .configurationParameter(LoadTest.REPORT_DIR_PROPERTY_NAME, reports.toString())
                .execute()
                .testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("templateList"),
                                finishedWithFailure(message(m -> m.contains("but nothing accepted a connection at "
                                                + unreachable.substring("http://".length()) + " within ")
                                        && m.contains("nothing was sent")))));
    }
}
