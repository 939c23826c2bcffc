package io.github.junitloadtest.internal.execute;

/** One iteration of a load test: the test method's body. */
@FunctionalInterface
public interface IterationBody {

    /**
     * Runs the iteration once.
     *
     * @throws Throwable whatever the body throws; it fails this iteration only
     */
    void run() throws Throwable;
}
