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
import java.util.concurrent.CancellationException;

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
        if (failure instanceof LoadCheckException check) {
            return check.outcome();
        }
        if (failure instanceof LoadRequestException request) {
            return request.outcome();
        }
        if (failure instanceof AssertionError) {
            return Outcome.CHECK_FAILED;
        }
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            Outcome outcome = classifyOne(cause);
            if (outcome != Outcome.EXCEPTION) {
                return outcome;
            }
        }
        return Outcome.EXCEPTION;
    }

    /**
     * The outcome of an HTTP exchange that failed with an I/O error other than a timeout: a failure to
     * connect, or else a connection that broke after the request went out.
     *
     * @param failure what the client threw
     * @return {@link Outcome#CONNECTION} or {@link Outcome#RESET}
     */
    public static Outcome classifyExchangeFailure(IOException failure) {
        Outcome outcome = classify(failure);
        return outcome == Outcome.CONNECTION ? Outcome.CONNECTION : Outcome.RESET;
    }

    private static Outcome classifyOne(Throwable failure) {
        if (failure instanceof InterruptedException || failure instanceof ClosedByInterruptException
                || failure instanceof CancellationException) {
            return Outcome.CANCELLED;
        }
        // Timeouts of any client (HTTP, JDBC, gRPC) are named so; SocketTimeoutException is the JDK's.
        if (failure instanceof SocketTimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            return Outcome.TIMEOUT;
        }
        if (failure instanceof InterruptedIOException) {
            return Outcome.CANCELLED;
        }
        if (failure instanceof ConnectException || failure instanceof UnknownHostException
                || failure instanceof NoRouteToHostException || failure instanceof PortUnreachableException) {
            return Outcome.CONNECTION;
        }
        if (failure instanceof SocketException || failure instanceof ClosedChannelException
                || failure instanceof EOFException) {
            return Outcome.RESET;
        }
        return Outcome.EXCEPTION;
    }
}
