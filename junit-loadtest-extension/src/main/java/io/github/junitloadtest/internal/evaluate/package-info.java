/** The verdict of a run, made once from its plan and snapshot, and the watch that aborts a run early. */
@NullMarked
package io.github.junitloadtest.internal.evaluate;

import org.jspecify.annotations.NullMarked;
