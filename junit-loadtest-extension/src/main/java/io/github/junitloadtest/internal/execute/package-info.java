/** Iterations run on workers at their scheduled times, open or closed model. */
@NullMarked
package io.github.junitloadtest.internal.execute;

import org.jspecify.annotations.NullMarked;
