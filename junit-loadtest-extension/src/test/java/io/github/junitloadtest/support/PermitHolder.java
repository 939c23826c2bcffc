package io.github.junitloadtest.support;

import io.github.junitloadtest.internal.run.LoadPermit;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Holds the load permit of a lock file in a JVM of its own, as another fork's load test would: prints
 * {@value #HOLDING} once it holds it and keeps it until its standard input ends.
 */
public final class PermitHolder {

    /** The line printed once the permit is held. */
    public static final String HOLDING = "holding the load permit";

    private PermitHolder() {}

    public static void main(String[] args) throws InterruptedException, IOException {
        LoadPermit permit = LoadPermit.acquire(Path.of(args[0]), "the holder", System.out::println);
        try {
            System.out.println(HOLDING);
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the parent closes the pipe, or dies
            }
        } finally {
            permit.close();
        }
    }
}
