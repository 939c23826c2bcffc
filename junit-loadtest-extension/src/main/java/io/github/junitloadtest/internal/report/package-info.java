/** The console lines, the JSON, Markdown and HTML reports, the suite pages and the snapshot files. */
@NullMarked
package io.github.junitloadtest.internal.report;

import org.jspecify.annotations.NullMarked;
