/** When each arrival is due: rates, stages, shards' stripes, and the clocks they are read on. */
@NullMarked
package io.github.junitloadtest.internal.schedule;

import org.jspecify.annotations.NullMarked;
