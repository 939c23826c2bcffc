/** {@code LoadHttp}: requests recorded per endpoint, the host allow-list, and the HTTP/1.1 transport. */
@NullMarked
package io.github.junitloadtest.internal.http;

import org.jspecify.annotations.NullMarked;
