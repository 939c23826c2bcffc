package io.github.junitloadtest.internal.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The first body size seen per request, for consistency checks; bounded so memory stays flat. */
final class ResponseSizes {

    static final int MAX_KEYS = 1000;

    private final ConcurrentMap<String, Long> firstSizes = new ConcurrentHashMap<>();

    /**
     * The first size recorded for the key, recording this one if it is the first.
     *
     * @param key method and URI
     * @param size this response's size
     * @return the size to compare with; this size itself once the table is full and the key is new
     */
    long firstSizeOf(String key, long size) {
        Long first = firstSizes.get(key);
        if (first != null) {
            return first;
        }
        if (firstSizes.size() >= MAX_KEYS) {
            return size;
        }
        Long raced = firstSizes.putIfAbsent(key, size);
        return raced == null ? size : raced;
    }
}
