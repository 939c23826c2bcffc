package io.github.junitloadtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.junitloadtest.api.LoadTestResult;
import java.util.List;

/**
 * A result as JSON, where a figure with no samples is {@code null} rather than 0: a latency of no
 * requests, an error rate of no iterations or an interval in which nothing ended was not measured
 * as zero, and a reader (or a chart) must not take it for one.
 */
final class ResultJson {

    private static final List<String> LATENCY_FIELDS =
            List.of("p50Millis", "p90Millis", "p95Millis", "p99Millis", "p999Millis", "maxMillis", "meanMillis");
    private static final List<String> INTERVAL_FIELDS = List.of(
            "p50Millis",
            "p95Millis",
            "p99Millis",
            "serviceP50Millis",
            "serviceP95Millis",
            "serviceP99Millis",
            "maxMillis");
    /** Threshold units whose actual value means nothing without samples; a count of 0 statuses is a true 0. */
    private ResultJson() {}

    static JsonNode tree(ObjectMapper mapper, LoadTestResult result) {
        JsonNode tree = mapper.valueToTree(result);
        unmeasuredAsNull(tree);
        return tree;
    }

    private static void unmeasuredAsNull(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (isZero(object, "count") && object.has("p50Millis") && object.has("meanMillis")) {
                LATENCY_FIELDS.forEach(object::putNull);
            }
            // Latencies are rounded up to whole microseconds, so an interval's maximum of 0 means it holds no sample.
            if (isZero(object, "maxMillis") && object.has("serviceP50Millis")) {
                INTERVAL_FIELDS.forEach(object::putNull);
            }
            if (isZero(object, "windowSamples") && object.has("windowP95Millis")) {
                object.putNull("windowP95Millis");
            }
            if (isZero(object, "sampleSize")
                    && object.has("actual")
                    && Figures.SAMPLED_UNITS.contains(object.path("unit").asText())) {
                object.putNull("actual");
            }
        }
        node.forEach(ResultJson::unmeasuredAsNull);
    }

    private static boolean isZero(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isNumber() && value.asLong() == 0;
    }
}
