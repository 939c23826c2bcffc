package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.internal.format.Numbers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated load test: what to run, how hard, for how long, and what must hold.
 *
 * @param testId {@code ClassName.methodName}, nested classes joined with dots
 * @param model open (arrivals on a schedule) or closed (users in a loop)
 * @param stages the load over time, after the scale factor; a constant load is one holding stage
 * @param warmup length of the warm-up after the scale factor, shorter than the whole load
 * @param timeout request timeout and drain limit
 * @param maxInFlight the most iterations at once
 * @param thinkTime a closed model's pause after each iteration (the lower end when random)
 * @param thinkTimeMax the upper end of a random think time; equal to {@code thinkTime} when fixed
 * @param durationScale the factor applied to every duration but the timeout
 * @param rateScale the factor applied to every rate, user count and throughput limit
 * @param baseUrl the base URL for relative paths, if any
 * @param stubTarget whether the base URL is a stub's that another extension published, not a real deployment
 * @param thresholds what must hold
 * @param rules status rules and recovery
 * @param interval the timeline's interval, whole seconds
 * @param reportDir where result files go
 * @param safety where load may go, how much, and what stays out of the output
 * @param warmGenerator whether the generator warms its own code on loopback before the JVM's first load
 * @param role whether this JVM sends the whole load, one shard of it, or judges shards' snapshots
 * @param regressions the comparisons with recorded runs, and where runs are kept
 * @param capacity the capacity search, when the test is one; the stages are then its first step
 * @param headers the headers sent with every request that does not set them itself
 * @param overrides each setting from outside that changed the declared load or a limit, in words
 * @param feeds the test data of the method's {@code LoadFeed} parameters
 * @param targetMetrics the service's own metrics endpoint, read while the load goes on, if one is set
 * @param liveMetrics where the run's own figures go while it runs
 */
public record LoadPlan(
        String testId,
        Model model,
        List<PlanStage> stages,
        Duration warmup,
        Duration timeout,
        int maxInFlight,
        Duration thinkTime,
        Duration thinkTimeMax,
        double durationScale,
        double rateScale,
        Optional<URI> baseUrl,
        boolean stubTarget,
        List<Threshold> thresholds,
        Rules rules,
        Duration interval,
        Path reportDir,
        Safety safety,
        boolean warmGenerator,
        Role role,
        Regression.Gate regressions,
        Optional<Capacity> capacity,
        List<Header> headers,
        List<String> overrides,
        List<FeedSource> feeds,
        Optional<TargetMetrics> targetMetrics,
        LiveMetrics liveMetrics) {

    /**
     * Where the run's own figures go while it runs.
     *
     * @param prometheusPort the loopback port of a Prometheus scrape endpoint; 0 for none
     * @param otlp the URL OTLP is pushed to, if any
     */
    public record LiveMetrics(int prometheusPort, Optional<URI> otlp) {

        /** Nowhere. */
        public static final LiveMetrics NONE = new LiveMetrics(0, Optional.empty());

        /** Whether the figures go anywhere. */
        public boolean enabled() {
            return prometheusPort > 0 || otlp.isPresent();
        }
    }

    /**
     * The service's own metrics endpoint.
     *
     * @param uri its URL, for example {@code http://localhost:8080/actuator/prometheus}
     * @param queryMetric the timer or summary counting database queries, when it is none of those known
     *     by default; empty for those
     */
    public record TargetMetrics(URI uri, String queryMetric) {}

    /** What this JVM does with the plan. */
    public sealed interface Role permits Whole, Shard, Merge {

        /** The one generator of the whole load. */
        Role WHOLE = new Whole();
    }

    /** This JVM sends the whole load. */
    public record Whole() implements Role {}

    /**
     * This JVM sends one shard's part of the load.
     *
     * @param index the shard, from 0
     * @param weights each shard's part, one per shard
     * @param runId the run the shards belong to
     * @param startAt when every shard starts the load
     * @param startTolerance how late a shard may reach the start and still send
     * @param judgeThresholds whether the shard judges the thresholds on its own part too
     */
    public record Shard(
            int index,
            List<Integer> weights,
            String runId,
            Instant startAt,
            Duration startTolerance,
            boolean judgeThresholds)
            implements Role {

        public Shard {
            weights = List.copyOf(weights);
            if (index < 0 || index >= weights.size()) {
                throw new IllegalArgumentException("shard " + index + " of " + weights.size());
            }
        }

        /** How many shards. */
        public int count() {
            return weights.size();
        }

        /** {@code 2/4}. */
        public String label() {
            return index + "/" + count();
        }
    }

    /**
     * This JVM sends nothing: it adds the snapshots of a sharded run's shards and judges the sum.
     *
     * @param from the folder holding the shards' report folders
     * @param runId the run whose shards to add, when the folder holds several runs' shards
     */
    public record Merge(Path from, Optional<String> runId) implements Role {}

    /**
     * Limits that keep a run on its target and its output free of secrets.
     *
     * @param allowedHosts hosts allowed besides the base URL's host and loopback: names, {@code *.domain}
     *     for its subdomains, or {@code *} for any host
     * @param maxRequests the most requests the run may send, warm-up included; 0 for no cap
     * @param maxBodyBytes the most bytes of each response body kept for checks; the rest is counted and discarded
     * @param insecureTls whether TLS certificates go unverified
     * @param secretHeaders header names whose values are redacted from output, besides the built-in ones
     */
    /**
     * A header sent with every request that does not set it itself.
     *
     * @param name its name, as given
     * @param value its value, environment variables read
     * @param source where it was given, for example {@code @LoadHeader on class OrdersLoadTests}
     * @param fromEnvironment whether its value came from an environment variable, and so is secret
     */
    public record Header(String name, String value, String source, boolean fromEnvironment) {

        /** Headers the JDK's request builder refuses, since the transport sets them itself. */
        private static final Set<String> RESTRICTED =
                Set.of("connection", "content-length", "expect", "host", "upgrade");

        /**
         * What is wrong with a header name given in code or configuration, if anything.
         *
         * @param name the name
         * @return why it cannot be sent, for example {@code "is not an HTTP token"}
         */
        public static Optional<String> problemWithName(String name) {
            if (name.isEmpty()
                    || !name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
                return Optional.of("is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~)");
            }
            if (RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                return Optional.of("is one the transport sets itself");
            }
            return Optional.empty();
        }

        /** Whether a value holds what would end a header line: a line break or a NUL. */
        public static boolean breaksTheLine(String value) {
            return value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0);
        }

        /** What the start line says: the name and where it came from, never the value. */
        @Override
        public String toString() {
            return name + " (" + source + ")";
        }
    }

    /**
     * The records of one {@code LoadFeed} parameter, read before the run.
     *
     * @param parameter the parameter's position, from 0
     * @param name the file, or the method as {@code method users()}
     * @param mode how the records are handed out
     * @param records every record, in order
     */
    public record FeedSource(
            int parameter, String name, io.github.junitloadtest.api.Feed.Mode mode, List<Object> records) {

        public FeedSource {
            records = List.copyOf(records);
        }

        @Override
        public String toString() {
            return name + " (" + records.size() + " records, " + mode + ")";
        }
    }

    public record Safety(
            List<String> allowedHosts,
            long maxRequests,
            int maxBodyBytes,
            boolean insecureTls,
            Set<String> secretHeaders) {

        /** The default cap on the body bytes kept: {@value} (1 MiB). */
        public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

        /** Only the base URL's host and loopback, no request cap, bodies kept up to 1 MiB, certificates verified. */
        public static final Safety DEFAULT = new Safety(List.of(), 0, DEFAULT_MAX_BODY_BYTES, false, Set.of());

        public Safety {
            allowedHosts = List.copyOf(allowedHosts);
            secretHeaders = Set.copyOf(secretHeaders);
            if (maxRequests < 0 || maxBodyBytes < 0) {
                throw new IllegalArgumentException("caps must not be negative");
            }
        }

        /**
         * These settings with more headers whose values never reach any output.
         *
         * @param names header names, for example those whose values came from the environment
         * @return the settings
         */
        public Safety withSecretHeaders(java.util.Collection<String> names) {
            if (names.isEmpty()) {
                return this;
            }
            Set<String> secret = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            secret.addAll(secretHeaders);
            secret.addAll(names);
            return new Safety(allowedHosts, maxRequests, maxBodyBytes, insecureTls, secret);
        }
    }

    /**
     * Verdicts beyond thresholds.
     *
     * @param successStatuses statuses of 400 or more that count as success
     * @param neverStatuses statuses that fail the test if any response has one
     * @param abortOnNeverStatus whether the first such response stops the run
     * @param recovery how fast latency must recover after a phase, if asked
     */
    public record Rules(
            Set<Integer> successStatuses,
            Set<Integer> neverStatuses,
            boolean abortOnNeverStatus,
            Optional<Recovery> recovery) {

        /** No rules. */
        public static final Rules NONE = new Rules(Set.of(), Set.of(), false, Optional.empty());

        public Rules {
            successStatuses = Set.copyOf(successStatuses);
            neverStatuses = Set.copyOf(neverStatuses);
        }
    }

    /**
     * Recovery after a phase.
     *
     * @param limit the longest recovery allowed, exclusive
     * @param after the phase after which latency must recover
     * @param reference the phase whose p95 is the healthy level
     * @param tolerancePercent how far above the reference still counts as recovered, in percent
     * @param toleranceMillis how far above the reference still counts as recovered, in milliseconds, added
     * @param window the sliding window of the p95, whole seconds
     */
    public record Recovery(
            Duration limit,
            String after,
            String reference,
            double tolerancePercent,
            double toleranceMillis,
            Duration window) {

        /** The highest window p95 that counts as recovered. */
        public double boundMillis(double referenceMillis) {
            return referenceMillis * (1 + tolerancePercent / 100) + toleranceMillis;
        }
    }

    /** How load is applied. */
    public enum Model {
        /** Arrivals follow a schedule whatever the service does. */
        OPEN,
        /** A number of users each run the body in a loop. */
        CLOSED
    }

    /**
     * One stage: the rate (open) or number of users (closed) goes linearly from {@code from} to
     * {@code to} over {@code duration}.
     *
     * @param name the phase it belongs to, or empty
     * @param duration zero or more
     * @param from at the start, zero or more
     * @param to at the end, zero or more
     */
    public record PlanStage(String name, Duration duration, double from, double to) {

        public PlanStage {
            if (duration.isNegative()
                    || !(from >= 0)
                    || !(to >= 0)
                    || Double.isInfinite(from)
                    || Double.isInfinite(to)) {
                throw new IllegalArgumentException("invalid stage " + duration + " " + from + " → " + to);
            }
        }

        /** A stage that holds one value. */
        public static PlanStage hold(Duration duration, double value) {
            return new PlanStage("", duration, value, value);
        }
    }

    public LoadPlan {
        stages = List.copyOf(stages);
        Duration total = stages.stream().map(PlanStage::duration).reduce(Duration.ZERO, Duration::plus);
        if (stages.isEmpty() || total.isZero()) {
            throw new IllegalArgumentException("a plan needs stages with a positive total duration");
        }
        if (warmup.isNegative() || warmup.compareTo(total) >= 0) {
            throw new IllegalArgumentException("warmup must lie in [0, duration) but was " + warmup);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive but was " + maxInFlight);
        }
        if (thinkTime.isNegative() || thinkTimeMax.compareTo(thinkTime) < 0) {
            throw new IllegalArgumentException("think time must satisfy 0 <= min <= max");
        }
        thresholds = List.copyOf(thresholds);
        if (interval.toMillis() < 1000 || interval.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("interval must be whole seconds but was " + interval);
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(regressions, "regressions");
        Objects.requireNonNull(capacity, "capacity");
    }

    /** A constant arrival rate for a duration, with no warm-up and defaults elsewhere; for tests and benchmarks. */
    public static LoadPlan constantRate(
            String testId,
            double rps,
            Duration duration,
            Duration warmup,
            Duration timeout,
            int maxInFlight,
            Optional<URI> baseUrl,
            List<Threshold> thresholds,
            Path reportDir) {
        return new LoadPlan(
                testId,
                Model.OPEN,
                List.of(PlanStage.hold(duration, rps)),
                warmup,
                timeout,
                maxInFlight,
                Duration.ZERO,
                Duration.ZERO,
                1.0,
                1.0,
                baseUrl,
                false,
                thresholds,
                Rules.NONE,
                Duration.ofSeconds(1),
                reportDir,
                Safety.DEFAULT,
                true,
                Role.WHOLE,
                Regression.Gate.NONE,
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                LiveMetrics.NONE);
    }

    /** The same plan with other comparisons with recorded runs. */
    public LoadPlan with(Regression.Gate gate) {
        return new LoadPlan(
                testId,
                model,
                stages,
                warmup,
                timeout,
                maxInFlight,
                thinkTime,
                thinkTimeMax,
                durationScale,
                rateScale,
                baseUrl,
                stubTarget,
                thresholds,
                rules,
                interval,
                reportDir,
                safety,
                warmGenerator,
                role,
                gate,
                capacity,
                headers,
                overrides,
                feeds,
                targetMetrics,
                liveMetrics);
    }

    /**
     * One step of this plan's capacity search: the rate held for the settle and then the measured
     * time, the settle left out as warm-up, its own in-flight cap, and the SLO's whole-run error
     * rate and percentile thresholds stopping the step once they are certain to fail.
     *
     * @param rps the step's rate
     * @param measured how long the step is measured after its settle
     * @return the step's plan
     */
    public LoadPlan step(double rps, Duration measured) {
        return step(rps, measured, safety.maxRequests());
    }

    /**
     * One step of this plan's capacity search, as {@link #step(double, Duration)}, allowed only the
     * requests the search's cap has left.
     *
     * @param rps the step's rate
     * @param measured how long the step is measured after its settle
     * @param requestsLeft what is left of the whole search's request cap; ignored without a cap
     * @return the step's plan
     */
    public LoadPlan step(double rps, Duration measured, long requestsLeft) {
        Capacity search = capacity.orElseThrow(() -> new IllegalStateException(testId + " is not a capacity test"));
        List<Threshold> aborting = thresholds.stream()
                .map(threshold -> threshold.phase().isEmpty()
                                && !threshold.perEndpoint()
                                && (threshold.kind() == Threshold.Kind.ERROR_RATE
                                        || threshold.kind() == Threshold.Kind.PERCENTILE
                                        || threshold.kind() == Threshold.Kind.MAX)
                        ? threshold.scoped("", false, true)
                        : threshold)
                .toList();
        return new LoadPlan(
                testId,
                Model.OPEN,
                List.of(PlanStage.hold(search.settle().plus(measured), rps)),
                search.settle(),
                timeout,
                LoadPlanResolver.maxInFlight(search.declaredMaxInFlight(), rps, timeout),
                Duration.ZERO,
                Duration.ZERO,
                durationScale,
                rateScale,
                baseUrl,
                stubTarget,
                aborting,
                rules,
                interval,
                reportDir,
                safety.maxRequests() == 0
                        ? safety
                        : new Safety(
                                safety.allowedHosts(),
                                Math.max(1, requestsLeft),
                                safety.maxBodyBytes(),
                                safety.insecureTls(),
                                safety.secretHeaders()),
                warmGenerator,
                role,
                Regression.Gate.NONE,
                capacity,
                headers,
                overrides,
                feeds,
                targetMetrics,
                liveMetrics);
    }

    /** The whole load's length, warm-up included. */
    public Duration duration() {
        return stages.stream().map(PlanStage::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** The length of the measured window, after the warm-up. */
    public Duration measuredWindow() {
        return duration().minus(warmup);
    }

    /** Whether the load is one stage holding one value. */
    public boolean isConstant() {
        return stages.size() == 1 && stages.get(0).from() == stages.get(0).to();
    }

    /** The highest rate (open) or number of users (closed) of any stage. */
    public double peak() {
        return stages.stream()
                .mapToDouble(stage -> Math.max(stage.from(), stage.to()))
                .max()
                .orElse(0);
    }

    /** The rate of a constant open model; NaN otherwise. */
    public double constantRps() {
        return model == Model.OPEN && isConstant() ? stages.get(0).to() : Double.NaN;
    }

    /** The load in words, for messages: {@code "16.7 req/s for 60 s"}, {@code "up to 200 req/s over 120 s in 3 stages"}. */
    public String describe() {
        String seconds = Numbers.format(measuredWindow().toNanos() / 1e9, 3) + " s";
        String unit = model == Model.OPEN ? " req/s" : " users";
        String value = Numbers.format(peak(), 3) + unit;
        if (isConstant()) {
            return value + " for " + seconds;
        }
        return "up to " + value + " over " + seconds + " in " + stages.size() + " stages";
    }
}
