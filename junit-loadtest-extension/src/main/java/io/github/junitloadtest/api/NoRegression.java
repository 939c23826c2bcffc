package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.junitloadtest.internal.jupiter.LoadTestExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the load test when a figure is really worse than in the last green runs, and never on
 * noise: the baseline is the median of the newest {@link #history()} recorded passing runs of the
 * same plan and environment, their spread widens the tolerance, and this run's figure counts with
 * its uncertainty (a bootstrap over its one-second intervals, at {@link #confidence()}).
 *
 * <ul>
 *   <li><b>regressed</b> (fails): even this run's best plausible figure is worse than the baseline by
 *       more than the tolerance, and by more than {@link #minDelta()};</li>
 *   <li><b>same</b> (passes): even its worst plausible figure is within the tolerance;</li>
 *   <li><b>inconclusive</b> otherwise, and with too few tail samples, too few recorded runs, or a
 *       different plan or environment (named): passes with a warning, or fails with
 *       {@link #onInconclusive()} {@code FAIL}.</li>
 * </ul>
 *
 * <p>Runs are recorded into {@value LoadTest#BASELINE_DIR_PROPERTY_NAME} only when
 * {@value LoadTest#BASELINE_RECORD_PROPERTY_NAME} asks ({@code onPass} or {@code always}), so a run
 * in the IDE never writes. Requires {@link LoadTest} on the same method.
 *
 * <pre>{@code
 * @LoadTest(rps = 200, duration = "60s", warmup = "10s")
 * @P95Below(500)
 * @NoRegression(metric = NoRegression.Metric.P95, tolerance = "10%")
 * void templateList(LoadHttp http) { ... }
 * }</pre>
 *
 * @since 0.2
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(NoRegression.List.class)
@ExtendWith(LoadTestExtension.class)
@API(status = EXPERIMENTAL, since = "0.2")
public @interface NoRegression {

    /** The figure compared; default the corrected latency's 95th percentile. */
    Metric metric() default Metric.P95;

    /**
     * How much worse the figure may be than the baseline: a percentage ({@code "10%"}) for latency
     * and throughput, percentage points ({@code "0.5pp"}) for the error rate; default {@code "10%"},
     * or {@code "0.5pp"} for the error rate. Widened to the baseline runs' own spread when that is
     * larger, and said so.
     */
    String tolerance() default "";

    /**
     * The smallest absolute worsening that can fail, so that a 2 ms p95 doubling on loopback does
     * not: a duration for latency ({@code "5ms"}), {@code ""} for none. Ignored for the error rate
     * and throughput.
     */
    String minDelta() default "5ms";

    /** The one-sided confidence of this run's bound used in the decision, above 0.5 and below 1. */
    double confidence() default 0.99;

    /**
     * The history to compare with, {@code ClassName.methodName} by default; name it to keep the
     * history of a renamed test, for example {@code "TemplateListLoadTests.templateList"}.
     */
    String baseline() default "";

    /** How many of the newest recorded passing runs make the baseline, at least 1. */
    int history() default 5;

    /** With fewer recorded runs than this, the comparison is inconclusive: record, warn, never fail. */
    int minHistory() default 3;

    /** What an inconclusive comparison does; default {@code WARN}. */
    Inconclusive onInconclusive() default Inconclusive.WARN;

    /**
     * How many times a run that regressed is measured again before the test fails, 0 to 3; default
     * 0. With {@code confirmRuns = 1} a regressed run is followed by a second whole run, and the
     * test fails only if that one regresses too; it passes, with a note naming the first run's
     * figures, if it does not. A run failing for any other reason is not measured again, nor is a
     * merge of shards, whose load has already been applied. The reports show the last run.
     */
    int confirmRuns() default 0;

    /** A figure to compare. */
    @API(status = EXPERIMENTAL, since = "0.2")
    enum Metric {
        /** Corrected latency, 50th percentile. */
        P50(50),
        /** Corrected latency, 90th percentile. */
        P90(90),
        /** Corrected latency, 95th percentile. */
        P95(95),
        /** Corrected latency, 99th percentile. */
        P99(99),
        /** Corrected latency, 99.9th percentile. */
        P999(99.9),
        /** Corrected latency, mean. */
        MEAN(Double.NaN),
        /** Failed iterations among the measured ones, in percent; worse means higher. */
        ERROR_RATE(Double.NaN),
        /** Successful iterations per second; worse means lower. */
        THROUGHPUT(Double.NaN);

        private final double percentile;

        Metric(double percentile) {
            this.percentile = percentile;
        }

        /** The percentile of a latency percentile; NaN for the others. */
        public double percentile() {
            return percentile;
        }
    }

    /** What an inconclusive comparison does. */
    @API(status = EXPERIMENTAL, since = "0.2")
    enum Inconclusive {
        /** Passes, with a warning in the summary, the reports and a JUnit report entry. */
        WARN,
        /** Fails like a regression. */
        FAIL
    }

    /**
     * Holds several {@link NoRegression} annotations on one method, one per metric.
     *
     * @since 0.2
     */
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ExtendWith(LoadTestExtension.class)
    @API(status = EXPERIMENTAL, since = "0.2")
    @interface List {
        /** The repeated annotations. */
        NoRegression[] value();
    }
}
