package io.github.junitloadtest.internal.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read as it streams in: every byte is counted, the first {@code limit} bytes are
 * kept for checks and the rest discarded, so an endless or huge body cannot exhaust memory. The
 * exchange can be cut from outside once its deadline passes, which the JDK client's own timeout
 * does not do after the headers.
 */
final class ResponseBody implements HttpResponse.BodySubscriber<ResponseBody> {

    private static final byte[] NONE = new byte[0];

    private final CompletableFuture<ResponseBody> done = new CompletableFuture<>();
    private final int limit;
    private final long deadlineNanos;
    private volatile Flow.Subscription subscription;
    private volatile boolean expired;
    private byte[] kept = NONE;
    private int keptLength;
    // Volatile: read by the worker after the deadline cut the body from another thread.
    private volatile long size;

    /**
     * A body to read.
     *
     * @param limit the most bytes kept
     * @param deadlineNanos when the whole exchange must be over, on the run's clock
     */
    ResponseBody(int limit, long deadlineNanos) {
        this.limit = limit;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public CompletionStage<ResponseBody> getBody() {
        return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (done.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long received = size;
        for (ByteBuffer buffer : buffers) {
            int length = buffer.remaining();
            received += length;
            int keep = Math.min(length, limit - keptLength);
            if (keep > 0) {
                if (keptLength + keep > kept.length) {
                    kept = Arrays.copyOf(kept, Math.min(limit, Math.max(keptLength + keep, kept.length * 2)));
                }
                buffer.get(kept, keptLength, keep);
                keptLength += keep;
            }
        }
        size = received;
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        done.complete(this);
    }

    /** When the exchange must be over, on the run's clock. */
    long deadlineNanos() {
        return deadlineNanos;
    }

    /**
     * Cuts the exchange: the connection is dropped and the waiting request fails with an
     * {@link IOException}. Does nothing once the body has ended.
     */
    void expire() {
        if (done.isDone()) {
            return;
        }
        expired = true;
        if (done.completeExceptionally(new IOException("response body deadline passed"))) {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }

    /** Whether the deadline cut this body. */
    boolean expired() {
        return expired;
    }

    /** Every byte received, kept or not. */
    long size() {
        return size;
    }

    /**
     * Hands over the bytes kept, at most the limit, and lets go of them: the JDK client may keep this
     * subscriber with its pooled connection until the next exchange.
     */
    byte[] takeKept() {
        byte[] taken = keptLength == kept.length ? kept : Arrays.copyOf(kept, keptLength);
        kept = NONE;
        keptLength = 0;
        return taken;
    }
}
