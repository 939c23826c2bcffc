package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * A header sent with every request of a load test that does not set that header itself; on a
 * method, or on a class for all its load tests, where a method's header of the same name wins.
 *
 * <p>{@code ${env:NAME}} in the value is replaced by the environment variable {@code NAME}, so a token
 * stays out of the code; an unset variable is a configuration error. A value taken from the
 * environment is redacted from every output, as the values of {@code Authorization}, {@code Cookie}
 * and {@link LoadTest#SECRET_HEADERS_PROPERTY_NAME} headers are. No output shows a default header's
 * value; the start line names the headers.
 *
 * <pre>{@code
 * @LoadHeader(name = "Authorization", value = "Bearer ${env:API_TOKEN}")
 * @LoadHeader(name = "Accept", value = "application/json")
 * class OrdersLoadTests { ... }
 * }</pre>
 *
 * <p>The setting {@value LoadTest#HEADERS_PROPERTY_NAME} (or the environment variable
 * {@value LoadTest#HEADERS_ENVIRONMENT_VARIABLE}) sets headers from outside and wins over these; a
 * header set in code with {@link LoadHttp#defaultHeader(String, String)}, for example in
 * {@code @BeforeEach}, wins over both.
 *
 * @since 0.2
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(LoadHeader.List.class)
@API(status = EXPERIMENTAL, since = "0.2")
public @interface LoadHeader {

    /** The header's name, for example {@code "Authorization"}. */
    String name();

    /** Its value, for example {@code "Bearer ${env:API_TOKEN}"}. */
    String value();

    /**
     * Holds several {@link LoadHeader} annotations.
     *
     * @since 0.2
     */
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @API(status = EXPERIMENTAL, since = "0.2")
    @interface List {
        /** The repeated annotations. */
        LoadHeader[] value();
    }
}
