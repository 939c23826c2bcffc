/** The JUnit Jupiter extension: a load test method run as a load, and its verdict as JUnit's outcome. */
@NullMarked
package io.github.junitloadtest.internal.jupiter;

import org.jspecify.annotations.NullMarked;
