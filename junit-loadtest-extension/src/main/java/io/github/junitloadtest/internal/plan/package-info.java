/** Annotations and settings read into a {@code LoadPlan}, every configuration problem listed before any request. */
@NullMarked
package io.github.junitloadtest.internal.plan;

import org.jspecify.annotations.NullMarked;
