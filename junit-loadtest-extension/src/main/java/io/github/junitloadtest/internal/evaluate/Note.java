package io.github.junitloadtest.internal.evaluate;

/** A remark on how to read a run's figures; never a failure by itself. */
public sealed interface Note {

    /** The sentence the reports show. */
    String text();

    /** Whether it can explain a latency failure, and so goes beside one. */
    default boolean explainsLatency() {
        return false;
    }

    /**
     * The generator started iterations late while workers were free: part of the corrected latency
     * is its own.
     *
     * @param text the sentence, with the lag's figures
     */
    record GeneratorLag(String text) implements Note {
        @Override
        public boolean explainsLatency() {
            return true;
        }
    }

    /**
     * The first measured interval was far slower than the rest: the service or this JVM was still
     * warming up.
     *
     * @param text the sentence, with the figures and the warm-up to declare
     */
    record ColdStart(String text) implements Note {
        @Override
        public boolean explainsLatency() {
            return true;
        }
    }

    /**
     * A closed model hides queueing.
     *
     * @param text the sentence
     */
    record ClosedModel(String text) implements Note {}

    /**
     * Certificates were not verified.
     *
     * @param text the sentence
     */
    record InsecureTls(String text) implements Note {}

    /**
     * Several load generators shared the run: what a shard judged, or what a merge added up.
     *
     * @param text the sentence, with the shards' start and first sends
     */
    record Shards(String text) implements Note {}

    /**
     * A comparison with recorded runs could not tell whether the run is worse, or had nothing to
     * compare with; the run passes on it.
     *
     * @param text the sentence, with what was compared and why it is inconclusive
     */
    record RegressionInconclusive(String text) implements Note {}

    /**
     * A run that regressed was measured again ({@code confirmRuns}): what the earlier runs showed,
     * beside the last run's verdict, whichever it was.
     *
     * @param text the sentence, with the earlier runs' figures
     */
    record Confirmation(String text) implements Note {}

    /**
     * What a capacity search found, in one sentence, first among its notes.
     *
     * @param text the finding
     */
    record CapacityFound(String text) implements Note {}
}
