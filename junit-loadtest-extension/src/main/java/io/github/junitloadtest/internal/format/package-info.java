/** Numbers, durations and rates in words, and the redaction of secrets, as every output writes them. */
@NullMarked
package io.github.junitloadtest.internal.format;

import org.jspecify.annotations.NullMarked;
