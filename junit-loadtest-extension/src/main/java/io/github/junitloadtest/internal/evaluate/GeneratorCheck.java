package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.internal.format.Numbers;

import io.github.junitloadtest.internal.execute.DispatchResult;
import java.util.Optional;

/**
 * Says when the generator, not the service, fell short of the requested load, so a gate never
 * passes on load it did not apply.
 */
public final class GeneratorCheck {

    /** The share of the requested arrivals that must have been sent. */
    public static final double MIN_DELIVERED = 0.95;

    private GeneratorCheck() {}

    /**
     * The shortfall sentence, or empty when at least 95 % of the measured arrivals were sent.
     *
     * @param dispatch how the arrivals went
     * @param rps the requested rate
     * @param windowSeconds the measured window
     * @param maxInFlight the worker cap, for the explanation
     * @return the sentence, if the generator fell short
     */
    public static Optional<String> shortfall(DispatchResult dispatch, double rps, double windowSeconds,
            int maxInFlight) {
        if (dispatch.measuredScheduled() == 0) {
            return Optional.empty();
        }
        double delivered = (double) dispatch.measuredSent() / dispatch.measuredScheduled();
        if (delivered >= MIN_DELIVERED) {
            return Optional.empty();
        }
        double deliveredRps = dispatch.measuredSent() / windowSeconds;
        StringBuilder sentence = new StringBuilder()
                .append("Load generator delivered ").append(Numbers.format(deliveredRps, 2)).append(" req/s of the ")
                .append(Numbers.format(rps, 3)).append(" req/s requested (")
                .append(Numbers.format(100 * delivered, 1)).append(" %); no verdict on the service.");
        if (dispatch.dropped() > 0 || dispatch.late() > 0) {
            sentence.append(' ').append(dispatch.dropped()).append(" of ").append(dispatch.scheduled())
                    .append(" arrivals were never sent and ").append(dispatch.late())
                    .append(" waited for a free worker (maxInFlight = ").append(maxInFlight)
                    .append("); raise maxInFlight if the service is expected to be this slow.");
        }
        return Optional.of(sentence.toString());
    }
}
