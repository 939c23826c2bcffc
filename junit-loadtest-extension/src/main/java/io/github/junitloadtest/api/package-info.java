/**
 * What a load test's author uses: {@link io.github.junitloadtest.api.LoadTest}, the threshold
 * annotations, the injectable {@link io.github.junitloadtest.api.LoadHttp} and the result types.
 */
@NullMarked
package io.github.junitloadtest.api;

import org.jspecify.annotations.NullMarked;
