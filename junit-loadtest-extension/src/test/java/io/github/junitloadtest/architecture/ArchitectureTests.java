package io.github.junitloadtest.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Keeps the stages apart, in the direction {@code io.github.junitloadtest.internal}'s package
 * documentation gives, and each library in its one place. Each rule is also run on a set of classes
 * written to break it, so a rule that could not fail would be noticed.
 */
class ArchitectureTests {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.junitloadtest");

    private static final String VIOLATIONS_PACKAGE = "io.github.junitloadtest.architecture.violations";

    private static final JavaClasses VIOLATIONS = new ClassFileImporter().importPackages(VIOLATIONS_PACKAGE);

    /**
     * The extension JUnit instantiates: the annotations register it with {@code @ExtendWith}, a class
     * literal in annotation metadata, the one reference from {@code api} into the engine.
     */
    private static final DescribedPredicate<JavaClass> REGISTERED_EXTENSION = resideInAPackage("..internal.jupiter..")
            .and(simpleName("LoadTestExtension"))
            .as("the extension registered by @ExtendWith");

    static final ArchRule API_IMPORTS_NO_INTERNAL_PACKAGE = noClasses()
            .that()
            .resideInAPackage("..api..")
            .should()
            .dependOnClassesThat(resideInAPackage("..internal..").and(not(REGISTERED_EXTENSION)))
            .as("the api imports no internal package");

    static final ArchRule ONLY_ANNOTATIONS_REGISTER_THE_EXTENSION = noClasses()
            .that()
            .resideInAPackage("..api..")
            .and()
            .areNotAnnotations()
            .should()
            .dependOnClassesThat(REGISTERED_EXTENSION)
            .as("only the api's annotations refer to the extension, to register it");

    static final ArchRule NO_CYCLES = slices().matching("io.github.junitloadtest.(**)")
            .should()
            .beFreeOfCycles()
            .ignoreDependency(resideInAPackage("..api.."), REGISTERED_EXTENSION)
            .as("no package cycles");

    /** The direction written down in the package documentation of {@code internal}. */
    static final ArchRule STAGES_KNOW_ONLY_THEIR_INPUTS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("api")
            .definedBy("..api..")
            .layer("jupiter")
            .definedBy("..internal.jupiter..")
            .layer("run")
            .definedBy("..internal.run..")
            .layer("plan")
            .definedBy("..internal.plan..")
            .layer("schedule")
            .definedBy("..internal.schedule..")
            .layer("execute")
            .definedBy("..internal.execute..")
            .layer("http")
            .definedBy("..internal.http..")
            .layer("record")
            .definedBy("..internal.record..")
            .layer("evaluate")
            .definedBy("..internal.evaluate..")
            .layer("report")
            .definedBy("..internal.report..")
            .layer("format")
            .definedBy("..internal.format..")
            .whereLayer("api")
            .mayNotAccessAnyLayer()
            .whereLayer("format")
            .mayNotAccessAnyLayer()
            .whereLayer("schedule")
            .mayNotAccessAnyLayer()
            .whereLayer("plan")
            .mayOnlyAccessLayers("api", "format")
            .whereLayer("record")
            .mayOnlyAccessLayers("api", "format")
            .whereLayer("execute")
            .mayOnlyAccessLayers("api", "format", "schedule", "record")
            .whereLayer("http")
            .mayOnlyAccessLayers("api", "format", "schedule", "record", "plan")
            .whereLayer("evaluate")
            .mayOnlyAccessLayers("api", "format", "plan", "record")
            .whereLayer("report")
            .mayOnlyAccessLayers("api", "format", "record", "evaluate")
            .whereLayer("run")
            .mayOnlyAccessLayers("api", "format", "plan", "schedule", "execute", "http", "record", "evaluate", "report")
            .whereLayer("jupiter")
            .mayOnlyAccessLayers("api", "plan", "http", "evaluate", "report", "run")
            .ignoreDependency(resideInAPackage("..api.."), REGISTERED_EXTENSION)
            .as("each stage knows only the stages it takes its input from");

    static final ArchRule ONLY_THE_REPORT_STAGE_PRINTS = noClasses()
            .that()
            .resideOutsideOfPackage("..internal.report..")
            .should(ACCESS_STANDARD_STREAMS)
            .as("only the report stage prints");

    @Test
    void theApiImportsNoInternalPackage() {
        API_IMPORTS_NO_INTERNAL_PACKAGE.check(ENGINE);
        ONLY_ANNOTATIONS_REGISTER_THE_EXTENSION.check(ENGINE);
    }

    @Test
    void noPackagesFormACycle() {
        NO_CYCLES.check(ENGINE);
    }

    @Test
    void eachStageKnowsOnlyTheStagesItTakesItsInputFrom() {
        STAGES_KNOW_ONLY_THEIR_INPUTS.check(ENGINE);
    }

    @Test
    void onlyTheReportStagePrints() {
        ONLY_THE_REPORT_STAGE_PRINTS.check(ENGINE);
    }

    @Test
    void eachRuleFailsOnClassesThatBreakIt() {
        assertThat(violationsOf(API_IMPORTS_NO_INTERNAL_PACKAGE))
                .contains("ApiCallingTheEngine", "RecorderKnowingTheVerdict")
                .doesNotContain("Registering");
        assertThat(violationsOf(ONLY_ANNOTATIONS_REGISTER_THE_EXTENSION))
                .contains("ApiStartingTheExtension.start()")
                .doesNotContain("Class <" + VIOLATIONS_PACKAGE + ".api.Registering>");
        assertThat(violationsOf(NO_CYCLES)).contains("Cycle detected", "internal.record", "internal.evaluate");
        // The recorder may not know the verdict; the judge may read the recorder.
        assertThat(violationsOf(STAGES_KNOW_ONLY_THEIR_INPUTS).lines())
                .anyMatch(line -> line.contains(
                                "<" + VIOLATIONS_PACKAGE + ".internal.record.RecorderKnowingTheVerdict.")
                        && line.contains("<" + VIOLATIONS_PACKAGE + ".internal.evaluate.JudgeReadingTheRecorder"))
                .noneMatch(line -> line.startsWith("Class <" + VIOLATIONS_PACKAGE + ".internal.evaluate")
                        || line.startsWith("Method <" + VIOLATIONS_PACKAGE + ".internal.evaluate"));
        assertThat(violationsOf(ONLY_THE_REPORT_STAGE_PRINTS)).contains("RunPrintingItself", "System.out");
    }

    private static String violationsOf(ArchRule rule) {
        EvaluationResult result = rule.allowEmptyShould(true).evaluate(VIOLATIONS);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        String details = String.join("\n", result.getFailureReport().getDetails());
        System.out.println(rule.getDescription() + " on classes written to break it:\n" + details);
        return details;
    }

    @Test
    void hdrHistogramStaysInTheRecordStage() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..internal.record..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.HdrHistogram..")
                .check(ENGINE);
    }

    @Test
    void jacksonStaysInReportsTheHttpChecksAndTheFeedFiles() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..internal.report..", "..internal.http..", "..api..")
                .and()
                .doNotHaveFullyQualifiedName("io.github.junitloadtest.internal.plan.FeedReader")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.fasterxml.jackson..")
                .check(ENGINE);
    }

    @Test
    void theJdkHttpClientStaysBehindLoadHttp() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..internal.http..", "..api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("java.net.http..")
                .check(ENGINE);
    }

    @Test
    void nothingDependsOnJUnitInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.junit.platform.commons.util..")
                .check(ENGINE);
    }
}
