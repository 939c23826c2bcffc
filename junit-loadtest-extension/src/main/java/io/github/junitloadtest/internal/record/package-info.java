/** Latency histograms and counts taken on the workers' threads, and the immutable snapshot of a run. */
@NullMarked
package io.github.junitloadtest.internal.record;

import org.jspecify.annotations.NullMarked;
