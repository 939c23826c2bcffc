package io.github.junitloadtest.internal.execute;

import io.github.junitloadtest.api.LoadCheckException;
import io.github.junitloadtest.api.LoadRequestException;
import io.github.junitloadtest.api.Outcome;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CancellationException;

/** Classifies what an iteration threw, so no failure ends up unexplained. */
final class OutcomeClassifier {

    private static final int MAX_CAUSE_DEPTH = 8;

    private OutcomeClassifier() {}

    static Outcome classify(Throwable failure) {
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
        if (failure instanceof SocketException || failure instanceof ClosedChannelException
                || failure instanceof UnknownHostException) {
            return Outcome.CONNECTION;
        }
        return Outcome.EXCEPTION;
    }
}
