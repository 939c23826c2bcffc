package io.github.junitloadtest.internal.http;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A response body taken as it streams in: every byte is counted, the first {@code limit} bytes are
 * kept for checks and the rest discarded, so an endless or huge body cannot exhaust memory. It is
 * fed by the JDK's own byte-array consumer subscriber, which the client runs on the thread that reads
 * the connection; a subscriber of ours would cost a hand-off to another thread for every response.
 */
final class ResponseBody implements Consumer<Optional<byte[]>> {

    private static final byte[] NONE = new byte[0];

    private final int limit;
    private byte[] kept = NONE;
    private int keptLength;
    // Volatile: read by the worker after a deadline cut the body short, with no other hand-over.
    private volatile long size;

    /**
     * An empty body.
     *
     * @param limit the most bytes kept
     */
    ResponseBody(int limit) {
        this.limit = limit;
    }

    /** Takes the next chunk; empty at the end of the body. */
    @Override
    public void accept(Optional<byte[]> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        byte[] bytes = chunk.get();
        size += bytes.length;
        int keep = Math.min(bytes.length, limit - keptLength);
        if (keep > 0) {
            if (keptLength + keep > kept.length) {
                kept = Arrays.copyOf(kept, Math.min(limit, Math.max(keptLength + keep, kept.length * 2)));
            }
            System.arraycopy(bytes, 0, kept, keptLength, keep);
            keptLength += keep;
        }
    }

    /** Every byte received, kept or not. */
    long size() {
        return size;
    }

    /**
     * Hands over the bytes kept, at most the limit, and lets go of them: the JDK client may keep this
     * body's subscriber with its pooled connection until the next exchange.
     */
    byte[] takeKept() {
        byte[] taken = keptLength == kept.length ? kept : Arrays.copyOf(kept, keptLength);
        kept = NONE;
        keptLength = 0;
        return taken;
    }
}
