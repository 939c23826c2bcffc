package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One distinct failure message and how many measured iterations failed with it.
 *
 * @param outcome the failure class
 * @param message the exception type and message, shortened
 * @param count how many iterations failed with exactly this message
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ErrorSample(Outcome outcome, String message, long count) {}
