package io.github.junitloadtest.internal.http;

import io.github.junitloadtest.internal.schedule.NanoClock;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLContext;

/**
 * How {@code LoadHttp} sends a request and reads its response, once, on the calling worker. The
 * engine's own is {@link #HTTP_1_1}; a test gives a run another through its environment, one that
 * answers on a manual clock, say.
 */
public interface Transport extends AutoCloseable {

    /** Opens a transport for one load test. */
    @FunctionalInterface
    interface Factory {

        /**
         * A transport for one load test.
         *
         * @param clock the run's clock, which deadlines are on
         * @param tls the TLS context for https
         * @param verifyHostnames whether an https certificate must name the host
         * @return the transport; closed when the run ends
         */
        Transport open(NanoClock clock, SSLContext tls, boolean verifyHostnames);
    }

    /** HTTP/1.1 on blocking socket channels, each request sent once: the engine's own. */
    Factory HTTP_1_1 = Http1Transport::new;

    /** Where the response's body goes, and when its headers came. */
    interface Receiver {
        /** The connection is open and the request is about to be written: from here on it may reach the server. */
        void writing();

        /** The status line and headers have been read. */
        void headers(int status, HttpHeaders headers);

        /** The next bytes of the body. */
        void body(byte[] bytes, int offset, int length);
    }

    /**
     * A response whose body the receiver has taken.
     *
     * @param status the HTTP status
     * @param headers its headers
     */
    record Response(int status, HttpHeaders headers) {}

    /** The response headers did not come before the deadline. */
    final class HeadersTimeoutException extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;

        public HeadersTimeoutException(String message) {
            super(message);
        }
    }

    /** The body was still coming at the deadline. */
    final class BodyTimeoutException extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;

        public BodyTimeoutException(String message) {
            super(message);
        }
    }

    /**
     * Sends a request once and reads its response.
     *
     * @param request the request: method, URI, headers and body
     * @param connectDeadline when the connection, if a new one is needed, must be up, on the run's clock
     * @param deadline when the whole exchange must be over, on the run's clock
     * @param receiver where the headers and the body go
     * @return the status and headers
     * @throws IOException a connect or read failure, {@link java.net.http.HttpConnectTimeoutException},
     *     {@link HeadersTimeoutException} or {@link BodyTimeoutException}
     */
    Response exchange(HttpRequest request, long connectDeadline, long deadline, Receiver receiver) throws IOException;

    /** Closes every connection, idle or in use. */
    @Override
    void close();
}
