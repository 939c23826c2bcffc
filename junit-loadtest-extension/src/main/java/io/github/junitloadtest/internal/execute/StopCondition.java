package io.github.junitloadtest.internal.execute;

import java.util.Optional;

/** Why a run must stop now, if it must: asked by the thread that drives the run, every 100 ms. */
@FunctionalInterface
public interface StopCondition {

    /** Never stops a run. */
    StopCondition NONE = Optional::empty;

    /** The reason to stop now, or empty to go on. */
    Optional<String> reason();

    /**
     * This condition, then another when this one gives no reason.
     *
     * @param next asked second
     * @return the combined condition
     */
    default StopCondition orElse(StopCondition next) {
        return () -> {
            Optional<String> first = reason();
            return first.isPresent() ? first : next.reason();
        };
    }
}
