package io.github.junitloadtest.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.api.CapacityTest;
import io.github.junitloadtest.api.LoadTest;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** A capacity test's first step is the {@code @LoadTest} it amounts to, equal to one declared so. */
class CapacityReaderTests {

    private static <A extends java.lang.annotation.Annotation> A annotation(String method, Class<A> type)
            throws NoSuchMethodException {
        Method declared = Fixtures.class.getDeclaredMethod(method);
        return declared.getAnnotation(type);
    }

    @Test
    void theFirstStepEqualsAndHashesAsTheLoadTestOfTheSameAttributes() throws Exception {
        LoadTest declared = annotation("sameAsTheFirstStep", LoadTest.class);
        LoadTest firstStep = CapacityReader.firstStep(annotation("search", CapacityTest.class));

        assertThat(firstStep).isEqualTo(declared);
        assertThat(declared).isEqualTo(firstStep);
        assertThat(firstStep.hashCode()).isEqualTo(declared.hashCode());
        assertThat(firstStep).isNotEqualTo(annotation("anotherRate", LoadTest.class));
        assertThat(firstStep.toString()).startsWith("@LoadTest(rps = 10.0, duration = \"35s\", warmup = \"5s\") of ");
    }

    static class Fixtures {
        @CapacityTest(from = 10, to = 100)
        void search() {}

        @LoadTest(rps = 10, duration = "35s", warmup = "5s", timeout = "10s")
        void sameAsTheFirstStep() {}

        @LoadTest(rps = 20, duration = "35s", warmup = "5s", timeout = "10s")
        void anotherRate() {}
    }
}
