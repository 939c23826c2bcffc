package io.github.junitloadtest.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.NeverStatus;
import io.github.junitloadtest.api.RecoversWithin;
import io.github.junitloadtest.api.Stage;
import io.github.junitloadtest.api.SuccessStatus;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/** The rules beside the thresholds: statuses that count as success or must never occur, and recovery. */
class RuleReaderTests {

    private static final String EXAMPLE =
            " for example @RecoversWithin(value = \"5m\", after = \"spike\", reference = \"warmup\").";

    private final MapSettings settings = new MapSettings();

    @TempDir
    Path reports;

    @Test
    void aStatusOutsideTheHttpRangeIsNamedWithAnExampleOfItsOwnAnnotation() {
        assertThatThrownBy(() -> resolve("statusesOutOfRange"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration errors (2):"
                        + "\n- @SuccessStatus on method [Fixtures.statusesOutOfRange()] must list HTTP statuses from"
                        + " 100 to 599, but lists [99]; for example @SuccessStatus({200, 404})."
                        + "\n- @NeverStatus on method [Fixtures.statusesOutOfRange()] must list HTTP statuses from 100"
                        + " to 599, but lists [600]; for example @NeverStatus({500, 503}).");
    }

    @Test
    void anEmptyStatusListIsReportedNotTakenForNoRule() {
        assertThatThrownBy(() -> resolve("noStatuses"))
                .hasMessage("Configuration errors (2):"
                        + "\n- @SuccessStatus on method [Fixtures.noStatuses()] lists no status; for example"
                        + " @SuccessStatus({200, 404})."
                        + "\n- @NeverStatus on method [Fixtures.noStatuses()] lists no status; for example"
                        + " @NeverStatus({500, 503}).");
    }

    @Test
    void aStatusCannotBeBothSuccessAndForbidden() {
        assertThatThrownBy(() -> resolve("successAndNever"))
                .hasMessage(
                        "Configuration error: @SuccessStatus and @NeverStatus on method [Fixtures.successAndNever()]"
                                + " both name [404, 503]; a status cannot be both.");
    }

    @Test
    void aRecoveryLimitOrWindowThatIsNotAPositiveDurationIsRejected() {
        assertThatThrownBy(() -> resolve("zeroLimitAndFractionalWindow"))
                .hasMessage("Configuration errors (2):"
                        + "\n- @RecoversWithin on method [Fixtures.zeroLimitAndFractionalWindow()] declares 'value'"
                        + " [\"0s\"]; expected a positive duration such as \"5m\";" + EXAMPLE
                        + "\n- @RecoversWithin on method [Fixtures.zeroLimitAndFractionalWindow()] declares 'window'"
                        + " [\"1500ms\"]; expected whole seconds such as \"5s\";" + EXAMPLE);
        assertThatThrownBy(() -> resolve("limitInWordsAndZeroWindow"))
                .hasMessage("Configuration errors (2):"
                        + "\n- @RecoversWithin on method [Fixtures.limitInWordsAndZeroWindow()] declares 'value'"
                        + " [\"soon\"]; expected a positive duration such as \"5m\";" + EXAMPLE
                        + "\n- @RecoversWithin on method [Fixtures.limitInWordsAndZeroWindow()] declares 'window'"
                        + " [\"0s\"]; expected whole seconds such as \"5s\";" + EXAMPLE);
    }

    @Test
    void aWindowThatIsNotWholeSecondsIsRejectedBesideAValidLimit() {
        assertThatThrownBy(() -> resolve("fractionalWindow"))
                .hasMessage("Configuration error: @RecoversWithin on method [Fixtures.fractionalWindow()] declares"
                        + " 'window' [\"2500ms\"]; expected whole seconds such as \"5s\";" + EXAMPLE);
    }

    @Test
    void aRecoveryOnALoadThatIsNotOneIsNotAlsoBlamedForItsPhases() {
        assertThatThrownBy(() -> resolve("recoveryWithoutALoad"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.recoveryWithoutALoad()] declares 'rps'"
                        + " without 'duration'; for example duration = \"60s\".");
    }

    @Test
    void recoveryTolerancesMustBeFiniteAndNotNegative() {
        assertThatThrownBy(() -> resolve("badTolerances"))
                .hasMessage("Configuration errors (2):"
                        + "\n- @RecoversWithin on method [Fixtures.badTolerances()] must declare a finite"
                        + " 'tolerancePercent' of 0 or more, but was [-1.0];" + EXAMPLE
                        + "\n- @RecoversWithin on method [Fixtures.badTolerances()] must declare a finite"
                        + " 'toleranceMillis' of 0 or more, but was [Infinity];" + EXAMPLE);
        assertThatThrownBy(() -> resolve("unknownTolerance"))
                .hasMessage("Configuration error: @RecoversWithin on method [Fixtures.unknownTolerance()] must declare"
                        + " a finite 'tolerancePercent' of 0 or more, but was [NaN];" + EXAMPLE);
    }

    @Test
    void aRecoveryNamesPhasesTheStagesHave() {
        assertThatThrownBy(() -> resolve("constantLoadRecovery"))
                .hasMessage("Configuration errors (2):"
                        + "\n- @RecoversWithin on method [Fixtures.constantLoadRecovery()] names phase [\"spike\"],"
                        + " but the stages name no phase;" + EXAMPLE
                        + "\n- @RecoversWithin on method [Fixtures.constantLoadRecovery()] names phase [\"warmup\"],"
                        + " but the stages name no phase;" + EXAMPLE);
        assertThatThrownBy(() -> resolve("misspelledReference"))
                .hasMessage("Configuration error: @RecoversWithin on method [Fixtures.misspelledReference()] names"
                        + " phase [\"warm-up\"], but the stages name [warmup, spike, cooldown];" + EXAMPLE);
    }

    @Test
    void aRecoveryNeedsAFullWindowAfterItsPhase() {
        assertThatThrownBy(() -> resolve("shortCooldown"))
                .hasMessage("Configuration error: @RecoversWithin on method [Fixtures.shortCooldown()] needs stages"
                        + " after phase [\"spike\"] lasting at least its 5 s window, but they last 3 s; add a"
                        + " cool-down stage, for example @Stage(name = \"cooldown\", duration = \"30s\", rps = 10).");
        assertThatThrownBy(() -> resolve("spikeLast"))
                .hasMessage("Configuration error: @RecoversWithin on method [Fixtures.spikeLast()] needs stages after"
                        + " phase [\"spike\"] lasting at least its 10 s window, but they last 0 s; add a cool-down"
                        + " stage, for example @Stage(name = \"cooldown\", duration = \"30s\", rps = 10).");
    }

    @Test
    void theWindowIsScaledWithTheStagesItMustFitAfter() throws Exception {
        settings.configuration.put("loadtest.durationScale", "0.1");
        // 30 s of cool-down scale to 3 s, the 10 s window to 1 s: the recovery can be seen.
        LoadPlan.Recovery recovery =
                resolve("scaledRecovery").rules().recovery().orElseThrow();
        assertThat(recovery.window()).isEqualTo(Duration.ofSeconds(1));
        assertThat(recovery.limit()).isEqualTo(Duration.ofSeconds(3));

        settings.configuration.put("loadtest.durationScale", "2");
        // Scaled up, the default 5 s window is 10 s and the 3 s cool-down 6 s: still too short, by the scaled figures.
        assertThatThrownBy(() -> resolve("shortCooldown"))
                .hasMessage("Configuration error: @RecoversWithin on method [Fixtures.shortCooldown()] needs stages"
                        + " after phase [\"spike\"] lasting at least its 10 s window, but they last 6 s; add a"
                        + " cool-down stage, for example @Stage(name = \"cooldown\", duration = \"30s\", rps = 10).");
    }

    @Test
    void aReferencePhaseWithoutLoadHasNoLatencyToReturnTo() {
        assertThatThrownBy(() -> resolve("idleReference"))
                .hasMessage("Configuration error: @RecoversWithin on method [Fixtures.idleReference()] takes phase"
                        + " [\"idle\"] as its reference, but that phase has no load, so it has no p95 to return to.");
    }

    @Test
    void badRulesFailTheUsersTestBeforeAnyRequest() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(BadRulesTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("badRules"),
                                    finishedWithFailure(
                                            instanceOf(ExtensionConfigurationException.class),
                                            message("Configuration errors (3):"
                                                    + "\n- @NeverStatus on method [BadRulesTestCase.badRules(LoadHttp)]"
                                                    + " must list HTTP statuses from 100 to 599, but lists [5000]; for"
                                                    + " example @NeverStatus({500, 503})."
                                                    + "\n- @SuccessStatus and @NeverStatus on method"
                                                    + " [BadRulesTestCase.badRules(LoadHttp)] both name [200]; a status"
                                                    + " cannot be both."
                                                    + "\n- @RecoversWithin on method"
                                                    + " [BadRulesTestCase.badRules(LoadHttp)] needs stages after phase"
                                                    + " [\"spike\"] lasting at least its 5 s window, but they last 2 s;"
                                                    + " add a cool-down stage, for example @Stage(name = \"cooldown\","
                                                    + " duration = \"30s\", rps = 10)."))));
            assertThat(server.requests()).isZero();
        }
    }

    private LoadPlan resolve(String methodName) throws NoSuchMethodException {
        Method method = Fixtures.class.getDeclaredMethod(methodName);
        return new LoadPlanResolver(settings).resolve(method);
    }

    @SuppressWarnings("unused")
    static class Fixtures {
        @LoadTest(rps = 10, duration = "10s")
        @SuccessStatus({200, 99})
        @NeverStatus(600)
        void statusesOutOfRange() {}

        @LoadTest(rps = 10, duration = "10s")
        @SuccessStatus({})
        @NeverStatus({})
        void noStatuses() {}

        @LoadTest(rps = 10, duration = "10s")
        @SuccessStatus({200, 404, 503})
        @NeverStatus({503, 500, 404})
        void successAndNever() {}

        @LoadTest(
                stages = {
                    @Stage(name = "warmup", duration = "10s", rps = 10),
                    @Stage(name = "spike", duration = "10s", rps = 50),
                    @Stage(name = "cooldown", duration = "30s", rps = 10)
                })
        @RecoversWithin(value = "0s", after = "spike", reference = "warmup", window = "1500ms")
        void zeroLimitAndFractionalWindow() {}

        @LoadTest(
                stages = {
                    @Stage(name = "warmup", duration = "10s", rps = 10),
                    @Stage(name = "spike", duration = "10s", rps = 50),
                    @Stage(name = "cooldown", duration = "30s", rps = 10)
                })
        @RecoversWithin(value = "soon", after = "spike", reference = "warmup", window = "0s")
        void limitInWordsAndZeroWindow() {}

        @LoadTest(
                stages = {
                    @Stage(name = "warmup", duration = "10s", rps = 10),
                    @Stage(name = "spike", duration = "10s", rps = 50),
                    @Stage(name = "cooldown", duration = "30s", rps = 10)
                })
        @RecoversWithin(value = "20s", after = "spike", reference = "warmup", window = "2500ms")
        void fractionalWindow() {}

        @LoadTest(rps = 10)
        @RecoversWithin(value = "20s", after = "spike", reference = "warmup")
        void recoveryWithoutALoad() {}

        @LoadTest(
                stages = {
                    @Stage(name = "warmup", duration = "10s", rps = 10),
                    @Stage(name = "spike", duration = "10s", rps = 50),
                    @Stage(name = "cooldown", duration = "30s", rps = 10)
                })
        @RecoversWithin(
                value = "20s",
                after = "spike",
                reference = "warmup",
                tolerancePercent = -1,
                toleranceMillis = Double.POSITIVE_INFINITY)
        void badTolerances() {}

        @LoadTest(
                stages = {
                    @Stage(name = "warmup", duration = "10s", rps = 10),
                    @Stage(name = "spike", duration = "10s", rps = 50),
                    @Stage(name = "cooldown", duration = "30s", rps = 10)
                })
        @RecoversWithin(value = "20s", after = "spike", reference = "warmup", tolerancePercent = Double.NaN)
        void unknownTolerance() {}

        @LoadTest(rps = 10, duration = "60s")
        @RecoversWithin(value = "20s", after = "spike", reference = "warmup")
        void constantLoadRecovery() {}

        @LoadTest(
                stages = {
                    @Stage(name = "warmup", duration = "10s", rps = 10),
                    @Stage(name = "spike", duration = "10s", rps = 50),
                    @Stage(name = "cooldown", duration = "30s", rps = 10)
                })
        @RecoversWithin(value = "20s", after = "spike", reference = "warm-up")
        void misspelledReference() {}

        @LoadTest(
                stages = {
                    @Stage(name = "warmup", duration = "10s", rps = 10),
                    @Stage(name = "spike", duration = "10s", rps = 50),
                    @Stage(name = "cooldown", duration = "3s", rps = 10)
                })
        @RecoversWithin(value = "20s", after = "spike", reference = "warmup")
        void shortCooldown() {}

        @LoadTest(
                stages = {
                    @Stage(name = "warmup", duration = "10s", rps = 10),
                    @Stage(name = "spike", duration = "10s", rps = 50)
                })
        @RecoversWithin(value = "20s", after = "spike", reference = "warmup", window = "10s")
        void spikeLast() {}

        @LoadTest(
                stages = {
                    @Stage(name = "warmup", duration = "10s", rps = 10),
                    @Stage(name = "spike", duration = "10s", rps = 50),
                    @Stage(name = "cooldown", duration = "30s", rps = 10)
                })
        @RecoversWithin(value = "30s", after = "spike", reference = "warmup", window = "10s")
        void scaledRecovery() {}

        @LoadTest(
                stages = {
                    @Stage(name = "idle", duration = "10s", rps = 0),
                    @Stage(name = "spike", duration = "10s", rps = 50),
                    @Stage(name = "cooldown", duration = "30s", rps = 10)
                })
        @RecoversWithin(value = "20s", after = "spike", reference = "idle")
        void idleReference() {}
    }

    static class BadRulesTestCase {
        @LoadTest(
                stages = {
                    @Stage(name = "warmup", duration = "2s", rps = 10),
                    @Stage(name = "spike", duration = "2s", rps = 20),
                    @Stage(name = "cooldown", duration = "2s", rps = 10)
                })
        @SuccessStatus({200, 201})
        @NeverStatus({200, 5000})
        @RecoversWithin(value = "10s", after = "spike", reference = "warmup")
        void badRules(LoadHttp http) {
            http.get("/never").expectStatus(200);
        }
    }
}
