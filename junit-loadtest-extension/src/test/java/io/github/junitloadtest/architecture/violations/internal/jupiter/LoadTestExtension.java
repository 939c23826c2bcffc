package io.github.junitloadtest.architecture.violations.internal.jupiter;

/** Stands for the extension the api's annotations register. */
public final class LoadTestExtension {}
