package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.ErrorSample;
import io.github.junitloadtest.api.Outcome;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/** The first distinct failure messages with their counts; bounded, so a failure storm keeps memory flat. */
final class ErrorSamples {

    static final int MAX_DISTINCT = 20;
    static final int MAX_MESSAGE_LENGTH = 300;

    /** Most frequent first, then by message. */
    static final Comparator<ErrorSample> ORDER =
            Comparator.comparingLong(ErrorSample::count).reversed().thenComparing(ErrorSample::message);

    private final ConcurrentMap<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final RedactedTexts redacted;

    ErrorSamples(RedactedTexts redacted) {
        this.redacted = redacted;
    }

    void record(Outcome outcome, Throwable failure) {
        record(outcome, describe(failure));
    }

    void record(Outcome outcome, String message) {
        // Redacted before it is shortened (a cut could leave half a token unrecognised) and before it is a key
        // (messages that differ only in a secret are one sample).
        Key key = new Key(outcome, shorten(redacted.of(message)));
        LongAdder count = counts.get(key);
        if (count == null && counts.size() < MAX_DISTINCT) {
            // Slightly more than MAX_DISTINCT keys may win the race; the bound is what matters.
            count = counts.computeIfAbsent(key, k -> new LongAdder());
        }
        if (count != null) {
            count.increment();
        }
    }

    /**
     * The samples, their secrets masked.
     *
     * @return the samples, most frequent first
     */
    List<ErrorSample> samples() {
        return counts.entrySet().stream()
                .map(entry -> new ErrorSample(
                        entry.getKey().outcome(),
                        entry.getKey().message(),
                        entry.getValue().sum()))
                .sorted(ORDER)
                .toList();
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        return failure instanceof io.github.junitloadtest.api.LoadCheckException
                        || failure instanceof io.github.junitloadtest.api.LoadRequestException
                ? message
                : type + ": " + message;
    }

    private static String shorten(String message) {
        String oneLine = message.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_MESSAGE_LENGTH ? oneLine : oneLine.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }

    private record Key(Outcome outcome, String message) {}
}
