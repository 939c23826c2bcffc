package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.LoadCheckException;
import io.github.junitloadtest.api.LoadRequestException;
import io.github.junitloadtest.api.Outcome;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import javax.net.ssl.SSLHandshakeException;

/** Classifies what an iteration or a request threw, so no failure ends up unexplained. */
public final class OutcomeClassifier {

    private static final int MAX_CAUSE_DEPTH = 8;

    private OutcomeClassifier() {}

    /**
     * The outcome of an iteration that threw.
     *
     * @param failure what the body threw
     * @return its class; {@link Outcome#EXCEPTION} when nothing more specific fits
     */
    public static Outcome classify(Throwable failure) {
        // The extension's own exceptions know their class, also when the body wrapped them in another.
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof LoadCheckException check) {
                return check.outcome();
            }
            if (cause instanceof LoadRequestException request) {
                return request.outcome();
            }
            if (cause instanceof io.github.junitloadtest.api.LoadFeed.ExhaustedException) {
                // Its feed ran out, which stops the run: not the service's failure.
                return Outcome.CANCELLED;
            }
        }
        if (failure instanceof AssertionError) {
            return Outcome.CHECK_FAILED;
        }
        Optional<Outcome> beforeTheService = reachFailure(failure);
        if (beforeTheService.isPresent()) {
            return beforeTheService.get();
        }
        cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            Outcome outcome = classifyOne(cause);
            if (outcome != Outcome.EXCEPTION) {
                return outcome;
            }
        }
        return Outcome.EXCEPTION;
    }

    /**
     * The outcome of an HTTP exchange that failed with an I/O error other than a timeout of the
     * response: a failure to reach the service (connect timeout, refused, DNS, TLS), or else a
     * connection that broke after the request went out.
     *
     * @param failure what the client threw
     * @return the class; {@link Outcome#RESET} when the service was reached
     */
    public static Outcome classifyExchangeFailure(IOException failure) {
        Outcome outcome = classify(failure);
        return switch (outcome) {
            case CONNECT_TIMEOUT, CONNECTION, DNS, TLS_UNTRUSTED, TLS_HOSTNAME, TLS, TIMEOUT, CANCELLED -> outcome;
            default -> Outcome.RESET;
        };
    }

    /**
     * A failure that happened before the service was reached, looked for through the whole cause
     * chain: HTTP clients and the JDK's TLS wrap an unresolved host or an untrusted certificate in
     * exceptions whose own class says little ({@code ConnectException}, {@code SSLHandshakeException}).
     */
    private static Optional<Outcome> reachFailure(Throwable failure) {
        boolean tls = false;
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            // The JDK's HttpConnectTimeoutException, and the ConnectTimeoutException of other clients.
            if (cause.getClass().getSimpleName().contains("ConnectTimeout")) {
                return Optional.of(Outcome.CONNECT_TIMEOUT);
            }
            if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
                return Optional.of(Outcome.DNS);
            }
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                return Optional.of(Outcome.TLS_UNTRUSTED);
            }
            if (cause instanceof CertificateException certificate) {
                return Optional.of(isHostnameMismatch(certificate) ? Outcome.TLS_HOSTNAME : Outcome.TLS_UNTRUSTED);
            }
            // Only the handshake: a TLS error after it (an alert mid-body) is a broken connection, a reset.
            tls |= cause instanceof SSLHandshakeException;
        }
        return tls ? Optional.of(Outcome.TLS) : Optional.empty();
    }

    /**
     * The JDK's hostname check throws a plain {@code CertificateException} whose message is the only
     * distinction ("No subject alternative DNS name matching … found", "No name matching … found");
     * a certificate that fails validation comes as a subclass or with a certification path cause.
     */
    private static boolean isHostnameMismatch(CertificateException certificate) {
        if (certificate.getClass() != CertificateException.class || certificate.getCause() != null) {
            return false;
        }
        String message = String.valueOf(certificate.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("no subject alternative") || message.contains("no name matching");
    }

    private static Outcome classifyOne(Throwable failure) {
        if (failure instanceof InterruptedException
                || failure instanceof ClosedByInterruptException
                || failure instanceof CancellationException) {
            return Outcome.CANCELLED;
        }
        // Timeouts of any client (HTTP, JDBC, gRPC) are named so; SocketTimeoutException is the JDK's.
        if (failure instanceof SocketTimeoutException
                || failure.getClass().getSimpleName().contains("Timeout")) {
            return Outcome.TIMEOUT;
        }
        if (failure instanceof InterruptedIOException) {
            return Outcome.CANCELLED;
        }
        if (failure instanceof ConnectException
                || failure instanceof NoRouteToHostException
                || failure instanceof PortUnreachableException) {
            return Outcome.CONNECTION;
        }
        if (failure instanceof SocketException
                || failure instanceof ClosedChannelException
                || failure instanceof EOFException) {
            return Outcome.RESET;
        }
        return Outcome.EXCEPTION;
    }
}
