package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.internal.format.Redaction;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The redacted form of each text a run records as a key (endpoint and check names, error messages),
 * worked out once per distinct text: texts that differ only in a secret become one key, and the
 * patterns do not run for every request. Bounded, so memory stays flat whatever the texts.
 */
final class RedactedTexts {

    /** The most texts remembered; past it, a new text is redacted each time it comes. */
    static final int MAX_REMEMBERED = 1000;

    /** The longest text remembered. */
    static final int MAX_REMEMBERED_LENGTH = 2000;

    private final ConcurrentMap<String, String> remembered = new ConcurrentHashMap<>();
    private final Redaction redaction;

    RedactedTexts(Redaction redaction) {
        this.redaction = redaction;
    }

    /** The text with its secrets masked. */
    String of(String text) {
        String redacted = remembered.get(text);
        if (redacted == null) {
            redacted = redaction.text(text);
            if (remembered.size() < MAX_REMEMBERED && text.length() <= MAX_REMEMBERED_LENGTH) {
                remembered.put(text, redacted);
            }
        }
        return redacted;
    }
}
