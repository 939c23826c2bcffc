package io.github.junitloadtest.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the stages apart and each library in its one place. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.junitloadtest");

    @Test
    void theApiDependsOnInternalsOnlyThroughTheExtensionAndTheTarget() {
        noClasses().that().resideInAPackage("..api..")
                .and().haveNameNotMatching(".*\\.(LoadTestExtension|LoadTestTarget)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("..internal..")
                .check(CLASSES);
    }

    @Test
    void theStagesHaveNoCycles() {
        slices().matching("io.github.junitloadtest.internal.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void hdrHistogramStaysInTheRecordStage() {
        noClasses().that().resideOutsideOfPackage("..internal.record..")
                .should().dependOnClassesThat().resideInAPackage("org.HdrHistogram..")
                .check(CLASSES);
    }

    @Test
    void jacksonStaysInReportsAndTheHttpChecks() {
        noClasses().that().resideOutsideOfPackages("..internal.report..", "..internal.http..", "..api..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .check(CLASSES);
    }

    @Test
    void theJdkHttpClientStaysBehindLoadHttp() {
        noClasses().that().resideOutsideOfPackages("..internal.http..", "..api..")
                .should().dependOnClassesThat().resideInAPackage("java.net.http..")
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnJUnitInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.junit.platform.commons.util..")
                .check(CLASSES);
    }
}
