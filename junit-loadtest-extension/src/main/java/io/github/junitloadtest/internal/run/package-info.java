/** One run wired together: its permit, warm-up, monitor, shards, capacity steps and confirmations. */
@NullMarked
package io.github.junitloadtest.internal.run;

import org.jspecify.annotations.NullMarked;
