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
import io.github.junitloadtest.api.Stage;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/** A load's shape as declared: each way to get it wrong is named with the attribute, the value and an example. */
class ShapeReaderTests {

    private final MapSettings settings = new MapSettings();

    @TempDir
    Path reports;

    @Test
    void aLoadDeclaredMoreThanOneWaySaysHowManyItDeclares() {
        assertThatThrownBy(() -> resolve("rpsAndUsers"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.rpsAndUsers()] must declare one load:"
                        + " 'rps' with 'duration', 'users' with 'duration', or 'stages', but declares 2; for example"
                        + " rps = 16.7, duration = \"60s\".");
        assertThatThrownBy(() -> resolve("everyForm"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.everyForm()] must declare one load:"
                        + " 'rps' with 'duration', 'users' with 'duration', or 'stages', but declares 3; for example"
                        + " rps = 16.7, duration = \"60s\".");
    }

    @Test
    void aRateOfZeroOrInfinityIsNotAPositiveFiniteRate() {
        assertThatThrownBy(() -> resolve("zeroRate"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.zeroRate()] must declare a positive,"
                        + " finite 'rps', but was [0.0]; for example rps = 16.7.");
        assertThatThrownBy(() -> resolve("infiniteRate"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.infiniteRate()] must declare a"
                        + " positive, finite 'rps', but was [Infinity]; for example rps = 16.7.");
    }

    @Test
    void aStageWithABadTargetIsReportedAloneNotAsABadFromOfTheNextStage() {
        assertThatThrownBy(() -> resolve("badTargetThenGood"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.badTargetThenGood()] stage 1 must"
                        + " declare a finite 'rps' of 0 or more, but was [-5.0]; for example"
                        + " @Stage(duration = \"30s\", rps = 10).");
    }

    @Test
    void noUsersAreFewerThanOne() {
        assertThatThrownBy(() -> resolve("noUsers"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.noUsers()] must declare at least 1 in"
                        + " 'users', but was [0]; for example users = 50.");
    }

    @Test
    void aConstantLoadWithoutADurationNamesTheFormItDeclares() {
        assertThatThrownBy(() -> resolve("rateWithoutDuration"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.rateWithoutDuration()] declares 'rps'"
                        + " without 'duration'; for example duration = \"60s\".");
        assertThatThrownBy(() -> resolve("usersWithoutDuration"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.usersWithoutDuration()] declares"
                        + " 'users' without 'duration'; for example duration = \"60s\".");
    }

    @Test
    void aBadLoadAndABadDurationAreReportedTogether() {
        assertThatThrownBy(() -> resolve("noUsersForAnHour"))
                .hasMessage("Configuration errors (2):"
                        + "\n- @LoadTest on method [Fixtures.noUsersForAnHour()] must declare at least 1 in 'users',"
                        + " but was [-3]; for example users = 50."
                        + "\n- @LoadTest on method [Fixtures.noUsersForAnHour()] declares 'duration' [\"an hour\"];"
                        + " expected a duration such as \"500ms\", \"30s\", \"2m\", \"1h30m\" or \"PT30S\".");
    }

    @Test
    void aStageDeclaresEitherARateOrUsersNeverBothOrNeither() {
        assertThatThrownBy(() -> resolve("stageWithoutLoad"))
                .hasMessage("Configuration errors (2):"
                        + "\n- @LoadTest on method [Fixtures.stageWithoutLoad()] stage 1 must declare either 'rps' or"
                        + " 'users'; for example @Stage(duration = \"30s\", rps = 10)."
                        + "\n- @LoadTest on method [Fixtures.stageWithoutLoad()] stage 2 must declare either 'rps' or"
                        + " 'users'; for example @Stage(duration = \"30s\", rps = 10).");
    }

    @Test
    void aStageTargetMustBeFiniteAndNotNegativeAndNamesItsAttribute() {
        assertThatThrownBy(() -> resolve("negativeStageRate"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.negativeStageRate()] stage 1 must"
                        + " declare a finite 'rps' of 0 or more, but was [-5.0]; for example @Stage(duration = \"30s\","
                        + " rps = 10).");
        assertThatThrownBy(() -> resolve("infiniteStageRate"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.infiniteStageRate()] stage 2 must"
                        + " declare a finite 'rps' of 0 or more, but was [Infinity]; for example @Stage(duration ="
                        + " \"30s\", rps = 10).");
        assertThatThrownBy(() -> resolve("negativeStageUsers"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.negativeStageUsers()] stage 1 must"
                        + " declare a finite 'users' of 0 or more, but was [-2.0]; for example @Stage(duration ="
                        + " \"30s\", users = 10).");
    }

    @Test
    void aStageStartingFromANegativeOrInfiniteLoadIsRejected() {
        assertThatThrownBy(() -> resolve("negativeFrom"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.negativeFrom()] stage 1 must declare a"
                        + " finite 'from' of 0 or more, but was [-1.0]; for example @Stage(duration = \"60s\", from ="
                        + " 200, rps = 200).");
        assertThatThrownBy(() -> resolve("infiniteFrom"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.infiniteFrom()] stage 1 must declare a"
                        + " finite 'from' of 0 or more, but was [Infinity]; for example @Stage(duration = \"60s\","
                        + " from = 200, rps = 200).");
    }

    @Test
    void aStageDurationThatDoesNotParseNamesTheStage() {
        assertThatThrownBy(() -> resolve("stageDurationInWords"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.stageDurationInWords()] stage 2"
                        + " declares 'duration' [\"half a minute\"]; expected a duration such as \"500ms\", \"30s\","
                        + " \"2m\", \"1h30m\" or \"PT30S\".");
    }

    @Test
    void stagesThatLastNoTimeAreRejected() {
        assertThatThrownBy(() -> resolve("instantStages"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.instantStages()] declares stages that"
                        + " last no time in all; for example @Stage(duration = \"30s\", rps = 10).");
    }

    @Test
    void stagesWithoutLoadNeverScheduleAnArrivalOrStartAUser() {
        assertThatThrownBy(() -> resolve("idleRateStages"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.idleRateStages()] declares stages that"
                        + " never schedule an arrival; for example @Stage(duration = \"30s\", rps = 10).");
        assertThatThrownBy(() -> resolve("idleUserStages"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.idleUserStages()] declares stages that"
                        + " never start a user; for example @Stage(duration = \"30s\", users = 10).");
    }

    @Test
    void aMaximumThinkTimeBelowTheThinkTimeIsRejected() {
        assertThatThrownBy(() -> resolve("thinkTimeMaxBelowThinkTime"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.thinkTimeMaxBelowThinkTime()] declares"
                        + " 'thinkTimeMax' [\"1s\"] below 'thinkTime' [\"2s\"]; for example thinkTime = \"1s\","
                        + " thinkTimeMax = \"3s\".");
    }

    @Test
    void aMaximumThinkTimeAloneIsAThinkTimeAnOpenModelCannotHave() {
        assertThatThrownBy(() -> resolve("thinkTimeMaxWithRate"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.thinkTimeMaxWithRate()] declares a"
                        + " think time for an open model; 'thinkTime' applies to users, for example users = 20,"
                        + " thinkTime = \"1s\".");
    }

    @Test
    void aThinkTimeThatDoesNotParseIsReportedOnceNotComparedWithItsMaximum() {
        assertThatThrownBy(() -> resolve("thinkTimeInWords"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.thinkTimeInWords()] declares"
                        + " 'thinkTime' [\"a while\"]; expected a duration such as \"500ms\", \"30s\", \"2m\","
                        + " \"1h30m\" or \"PT30S\".");
        assertThatThrownBy(() -> resolve("thinkTimeMaxInWords"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.thinkTimeMaxInWords()] declares"
                        + " 'thinkTimeMax' [\"longer\"]; expected a duration such as \"500ms\", \"30s\", \"2m\","
                        + " \"1h30m\" or \"PT30S\".");
    }

    @Test
    void everyStageProblemFailsTheUsersTestTogetherBeforeAnyRequest() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(BadStagesTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("badStages"),
                                    finishedWithFailure(
                                            instanceOf(ExtensionConfigurationException.class),
                                            message("Configuration errors (3):"
                                                    + "\n- @LoadTest on method [BadStagesTestCase.badStages(LoadHttp)]"
                                                    + " stage 1 must declare either 'rps' or 'users'; for example"
                                                    + " @Stage(duration = \"30s\", rps = 10)."
                                                    + "\n- @LoadTest on method [BadStagesTestCase.badStages(LoadHttp)]"
                                                    + " stage 2 must declare a finite 'from' of 0 or more, but was"
                                                    + " [-10.0]; for example @Stage(duration = \"60s\", from = 200,"
                                                    + " rps = 200)."
                                                    + "\n- @LoadTest on method [BadStagesTestCase.badStages(LoadHttp)]"
                                                    + " stage 3 declares 'duration' [\"10 s\"]; expected a duration"
                                                    + " such as \"500ms\", \"30s\", \"2m\", \"1h30m\" or"
                                                    + " \"PT30S\"."))));
            assertThat(server.requests()).isZero();
        }
    }

    private LoadPlan resolve(String methodName) throws NoSuchMethodException {
        Method method = Fixtures.class.getDeclaredMethod(methodName);
        return new LoadPlanResolver(settings).resolve(method);
    }

    @SuppressWarnings("unused")
    static class Fixtures {
        @LoadTest(stages = {@Stage(duration = "10s", rps = -5), @Stage(duration = "10s", rps = 10)})
        void badTargetThenGood() {}

        @LoadTest(rps = 10, users = 5, duration = "10s")
        void rpsAndUsers() {}

        @LoadTest(rps = 10, users = 5, duration = "10s", stages = @Stage(duration = "10s", rps = 10))
        void everyForm() {}

        @LoadTest(rps = 0, duration = "10s")
        void zeroRate() {}

        @LoadTest(rps = Double.POSITIVE_INFINITY, duration = "10s")
        void infiniteRate() {}

        @LoadTest(users = 0, duration = "10s")
        void noUsers() {}

        @LoadTest(rps = 10)
        void rateWithoutDuration() {}

        @LoadTest(users = 5)
        void usersWithoutDuration() {}

        @LoadTest(users = -3, duration = "an hour")
        void noUsersForAnHour() {}

        @LoadTest(stages = {@Stage(duration = "10s"), @Stage(duration = "10s", rps = 10, users = 5)})
        void stageWithoutLoad() {}

        @LoadTest(stages = @Stage(duration = "10s", rps = -5))
        void negativeStageRate() {}

        @LoadTest(
                stages = {
                    @Stage(duration = "10s", rps = 10),
                    @Stage(duration = "10s", from = 10, rps = Double.POSITIVE_INFINITY)
                })
        void infiniteStageRate() {}

        @LoadTest(stages = @Stage(duration = "10s", users = -2))
        void negativeStageUsers() {}

        @LoadTest(stages = @Stage(duration = "10s", from = -1, rps = 10))
        void negativeFrom() {}

        @LoadTest(stages = @Stage(duration = "10s", from = Double.POSITIVE_INFINITY, rps = 10))
        void infiniteFrom() {}

        @LoadTest(stages = {@Stage(duration = "10s", rps = 10), @Stage(duration = "half a minute", rps = 10)})
        void stageDurationInWords() {}

        @LoadTest(stages = {@Stage(duration = "0s", rps = 10), @Stage(duration = "0ms", rps = 20)})
        void instantStages() {}

        @LoadTest(stages = {@Stage(duration = "10s", rps = 0), @Stage(duration = "10s", rps = 0)})
        void idleRateStages() {}

        @LoadTest(stages = @Stage(duration = "10s", users = 0))
        void idleUserStages() {}

        @LoadTest(users = 5, duration = "10s", thinkTime = "2s", thinkTimeMax = "1s")
        void thinkTimeMaxBelowThinkTime() {}

        @LoadTest(rps = 10, duration = "10s", thinkTimeMax = "3s")
        void thinkTimeMaxWithRate() {}

        @LoadTest(users = 5, duration = "10s", thinkTime = "a while", thinkTimeMax = "3s")
        void thinkTimeInWords() {}

        @LoadTest(users = 5, duration = "10s", thinkTime = "2s", thinkTimeMax = "longer")
        void thinkTimeMaxInWords() {}
    }

    static class BadStagesTestCase {
        @LoadTest(
                stages = {
                    @Stage(duration = "10s"),
                    @Stage(duration = "10s", from = -10, rps = 20),
                    @Stage(duration = "10 s", rps = 20)
                })
        void badStages(LoadHttp http) {
            http.get("/never").expectStatus(200);
        }
    }
}
