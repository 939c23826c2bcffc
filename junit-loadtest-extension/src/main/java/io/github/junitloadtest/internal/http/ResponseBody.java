package io.github.junitloadtest.internal.http;

import java.util.Arrays;

/**
 * A response body taken as it streams in: every byte is counted, the first {@code limit} bytes are
 * kept for checks and the rest discarded, so an endless or huge body cannot exhaust memory. It is
 * fed on the worker that reads the connection.
 */
final class ResponseBody {

    private static final byte[] NONE = new byte[0];

    private final int limit;
    private byte[] kept = NONE;
    private int keptLength;
    private long size;

    /**
     * An empty body.
     *
     * @param limit the most bytes kept
     */
    ResponseBody(int limit) {
        this.limit = limit;
    }

    /** Takes the next bytes of the body. */
    void accept(byte[] bytes, int offset, int length) {
        size += length;
        int keep = Math.min(length, limit - keptLength);
        if (keep > 0) {
            if (keptLength + keep > kept.length) {
                kept = Arrays.copyOf(kept, Math.min(limit, Math.max(keptLength + keep, kept.length * 2)));
            }
            System.arraycopy(bytes, offset, kept, keptLength, keep);
            keptLength += keep;
        }
    }

    /** Every byte received, kept or not. */
    long size() {
        return size;
    }

    /** Hands over the bytes kept, at most the limit, and lets go of them. */
    byte[] takeKept() {
        byte[] taken = keptLength == kept.length ? kept : Arrays.copyOf(kept, keptLength);
        kept = NONE;
        keptLength = 0;
        return taken;
    }
}
