package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.api.LoadFeed;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.internal.evaluate.AbortWatch;
import io.github.junitloadtest.internal.evaluate.RunEvaluator;
import io.github.junitloadtest.internal.evaluate.Verdict;
import io.github.junitloadtest.internal.execute.DispatchResult;
import io.github.junitloadtest.internal.execute.IterationBody;
import io.github.junitloadtest.internal.execute.IterationDispatcher;
import io.github.junitloadtest.internal.execute.StopCondition;
import io.github.junitloadtest.internal.execute.UserLoop;
import io.github.junitloadtest.internal.execute.Workers;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.format.Redaction;
import io.github.junitloadtest.internal.http.DefaultLoadHttp;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.plan.LoadPlan.Model;
import io.github.junitloadtest.internal.plan.LoadPlan.PlanStage;
import io.github.junitloadtest.internal.record.Accounting;
import io.github.junitloadtest.internal.record.BaselineRun;
import io.github.junitloadtest.internal.record.IntervalSnapshot;
import io.github.junitloadtest.internal.record.IterationContext;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.record.PhaseMap;
import io.github.junitloadtest.internal.record.RequestCounts;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.internal.record.ShardRecord;
import io.github.junitloadtest.internal.record.Timeline;
import io.github.junitloadtest.internal.report.ConsoleSummary;
import io.github.junitloadtest.internal.report.ProgressPrinter;
import io.github.junitloadtest.internal.report.ResultAssembly;
import io.github.junitloadtest.internal.schedule.ArrivalSchedule;
import io.github.junitloadtest.internal.schedule.Schedule;
import io.github.junitloadtest.internal.schedule.StagedSchedule;
import io.github.junitloadtest.internal.schedule.Stages;
import io.github.junitloadtest.internal.schedule.Striping;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One load test's run: its HTTP client, workers and recorder, from the first arrival to the
 * snapshot and its verdict. Closing it releases every thread and connection it made.
 */
public final class LoadRun implements AutoCloseable {

    /**
     * The outcome of {@link #execute}.
     *
     * @param snapshot what the run measured
     * @param verdict what was decided on it
     * @param fatal a configuration error raised inside an iteration, which stopped the run and
     *     replaces the verdict
     */
    public record Finished(RunSnapshot snapshot, Verdict verdict, Optional<RuntimeException> fatal) {

        /** The result every report shows, made from the snapshot and the verdict. */
        public LoadTestResult result() {
            return ResultAssembly.of(snapshot, verdict);
        }
    }

    private final LoadPlan plan;
    private final RunEnvironment environment;
    private final LatencyRecorder recorder;
    private final IterationContext context = new IterationContext();
    private final DefaultLoadHttp http;
    private final Feeds feeds;
    private final int inFlight;
    private final Workers workers;
    private final Redaction redaction;
    private final Optional<TargetWatch> target;

    /**
     * Prepares a run in the real world; nothing is sent until {@link #execute}.
     *
     * @param plan the validated plan
     * @param methodDescription the test method, for configuration errors
     */
    public LoadRun(LoadPlan plan, String methodDescription) {
        this(plan, methodDescription, RunEnvironment.system());
    }

    /**
     * Prepares a run; nothing is sent until {@link #execute}.
     *
     * @param plan the validated plan
     * @param methodDescription the test method, for configuration errors
     * @param environment the clocks, workers and console to use
     */
    public LoadRun(LoadPlan plan, String methodDescription, RunEnvironment environment) {
        this.plan = plan;
        this.environment = environment;
        this.redaction = new Redaction(plan.safety().secretHeaders());
        // Checked before anything is sent: an endpoint whose host is not allowed is a configuration error.
        this.target =
                plan.targetMetrics().map(metrics -> TargetWatch.of(plan, metrics, redaction, environment.clock()));
        PhaseMap phases = new PhaseMap(
                stagesOf(plan).endsNanos(),
                plan.stages().stream().map(PlanStage::name).toList());
        this.recorder = new LatencyRecorder(
                phases, plan.rules().neverStatuses(), AbortWatch.latencyLimitsMicros(plan), redaction);
        this.http = new DefaultLoadHttp(
                plan.baseUrl(),
                plan.timeout(),
                methodDescription,
                recorder,
                context,
                environment.clock(),
                plan.rules().successStatuses(),
                plan.safety(),
                environment.transports(),
                null);
        this.feeds = new Feeds(plan);
        for (LoadPlan.Header header : plan.headers()) {
            http.defaultHeader(header.name(), header.value());
        }
        this.inFlight = inFlightOf(plan);
        this.workers = environment.workers().apply(inFlight);
    }

    /** The in-flight cap of this JVM: the plan's, or a shard's part of it. */
    static int inFlightOf(LoadPlan plan) {
        if (plan.role() instanceof LoadPlan.Shard shard) {
            return (int) Math.max(1, new Striping(shard.weights()).share(shard.index(), plan.maxInFlight()));
        }
        return plan.maxInFlight();
    }

    /**
     * The feed a parameter of the test method receives, if it is one.
     *
     * @param parameter the parameter's position, from 0
     * @return its feed
     */
    public Optional<LoadFeed<Object>> feed(int parameter) {
        return feeds.of(parameter);
    }

    /** The client the test method receives. */
    public LoadHttp http() {
        return http;
    }

    /** The names of the headers every request carries, for the start line; never their values. */
    private String defaultHeaderNames() {
        List<String[]> headers = http.defaultHeaders();
        if (headers.isEmpty()) {
            return "";
        }
        return ", default headers " + headers.stream().map(header -> header[0]).collect(Collectors.joining(", "));
    }

    /**
     * Sends the default headers another run's client has now, such as a token its {@code @BeforeEach}
     * set, with every request of this run: a capacity step or a confirming run is the same test.
     *
     * @param first the test's first run
     */
    public void sendHeadersOf(LoadRun first) {
        for (String[] header : first.http.defaultHeaders()) {
            http.defaultHeader(header[0], header[1]);
        }
    }

    /**
     * Runs the schedule on the calling thread, then judges what it measured.
     *
     * @param body one iteration
     * @return the snapshot, its verdict, and a configuration error that stopped the run, if any
     */
    public Finished execute(IterationBody body) {
        GeneratorMonitor monitor = new GeneratorMonitor();
        RunSnapshot.RunIdentity identity = PlanIdentity.of(plan, workers.kind(), redaction);
        ProgressPrinter progress = new ProgressPrinter(
                plan.testId(),
                plan.duration().toNanos() / 1e9,
                plan.model() == Model.OPEN ? plan.peak() : 0,
                environment.terminal(),
                environment.out());
        Timeline timeline = new Timeline(identity.windowIntervals());
        // Loaded only when asked for: Micrometer is an optional dependency, checked on the class path by the plan.
        LiveMetrics live = plan.liveMetrics().enabled() ? LiveMetrics.start(plan) : null;
        Consumer<IntervalSnapshot> intervals = interval -> {
            monitor.sample();
            progress.accept(timeline.add(interval));
            if (live != null) {
                live.accept(interval);
            }
        };
        try {
            return execute(body, monitor, identity, intervals);
        } finally {
            if (live != null) {
                live.close();
            }
        }
    }

    private Finished execute(
            IterationBody body,
            GeneratorMonitor monitor,
            RunSnapshot.RunIdentity identity,
            Consumer<IntervalSnapshot> intervals) {
        // Read before the load: a recorded run that cannot be read fails the test before any request.
        Map<String, BaselineRun.History> histories = Baselines.histories(plan);
        StopCondition capReached = ((StopCondition) http::capReached).orElse(feeds::exhausted);
        Optional<ShardStart> shard = plan.role() instanceof LoadPlan.Shard
                ? Optional.of(ShardStart.now(plan, environment, inFlight))
                : Optional.empty();
        if (shard.isPresent() && shard.get().missed()) {
            return missedStart(identity, shard.get(), monitor);
        }
        target.ifPresent(watch -> watch.start(plan.interval()));
        Instant startTime;
        DispatchResult dispatch;
        long planned;
        long firstDue = 0;
        if (plan.model() == Model.OPEN) {
            Schedule whole = scheduleOf(plan);
            Schedule schedule = shard.map(part -> part.partOf(whole)).orElse(whole);
            planned = schedule.size();
            firstDue = planned > 0 ? schedule.intendedStartNanos(0) : 0;
            long measured = planned - schedule.countBefore(plan.warmup().toNanos());
            IterationDispatcher dispatcher = new IterationDispatcher(
                            schedule,
                            plan.warmup(),
                            inFlight,
                            plan.timeout(),
                            environment.clock(),
                            environment.pacer(),
                            workers,
                            recorder,
                            context)
                    .stoppingWhen(capReached.orElse(AbortWatch.of(plan, measured, recorder)::reason))
                    .reportingIntervalsTo(intervals)
                    .withTimelineInterval(plan.interval());
            shard.ifPresent(part -> dispatcher.startingAt(part.startNanos()));
            announce(planned + " requests planned", shard);
            startTime = shard.map(ShardStart::startAt).orElseGet(environment.wallClock()::instant);
            dispatch = dispatcher.run(body);
        } else {
            UserLoop users = new UserLoop(
                            stagesOf(plan),
                            plan.warmup(),
                            plan.thinkTime(),
                            plan.thinkTimeMax(),
                            plan.timeout(),
                            environment.clock(),
                            environment.pacer(),
                            workers,
                            recorder,
                            context)
                    .stoppingWhen(capReached)
                    .reportingIntervalsTo(intervals)
                    .withTimelineInterval(plan.interval());
            shard.ifPresent(part -> users.sharing(part.striping(), part.index()).startingAt(part.startNanos()));
            announce("closed model", shard);
            startTime = shard.map(ShardStart::startAt).orElseGet(environment.wallClock()::instant);
            dispatch = users.run(body);
            planned = dispatch.scheduled();
        }
        Instant endTime = environment.wallClock().instant();
        long due = firstDue;
        List<ShardRecord> shards =
                shard.map(part -> List.of(part.record(planned, due, dispatch))).orElse(List.of());
        Accounting accounting = accounting(dispatch);
        LoadTestResult.TargetUsage targetUsage =
                target.map(watch -> watch.finish(accounting.requestsSent())).orElse(LoadTestResult.TargetUsage.NONE);
        RunSnapshot snapshot = new RunSnapshot(
                identity, startTime, endTime, accounting, recorder.recording(), monitor.usage(), targetUsage, shards);
        return new Finished(snapshot, RunEvaluator.verdict(plan, snapshot, histories), dispatch.fatal());
    }

    /** A shard that reached the start too late sends nothing: sending later would not add up to the plan. */
    private Finished missedStart(RunSnapshot.RunIdentity identity, ShardStart shard, GeneratorMonitor monitor) {
        long reading = environment.clock().nanoTime();
        recorder.start(reading, reading);
        recorder.seal(0);
        long planned =
                plan.model() == Model.OPEN ? shard.partOf(scheduleOf(plan)).size() : 0;
        Accounting nothing = new Accounting(0, 0, 0, 0, 0, 0, false, "", 0, 0, 0, List.of(), List.of());
        RunSnapshot snapshot = new RunSnapshot(
                identity,
                shard.startAt(),
                environment.wallClock().instant(),
                nothing,
                recorder.recording(),
                monitor.usage(),
                LoadTestResult.TargetUsage.NONE,
                List.of(shard.record(planned, 0, null)));
        return new Finished(snapshot, RunEvaluator.verdict(plan, snapshot), Optional.empty());
    }

    /** What became of the arrivals and requests; a stop at the request cap says so with the counts. */
    private Accounting accounting(DispatchResult dispatch) {
        RequestCounts requests = http.requestCounts();
        Optional<String> cap = http.capReached();
        String aborted = dispatch.aborted().orElse("");
        if (cap.isPresent() && !aborted.isEmpty()) {
            // Said now that the run has ended: the requests stopped with it are counted as not sent.
            aborted = aborted.replace(cap.get(), requests.withCounts(cap.get()));
        }
        return new Accounting(
                dispatch.scheduled(),
                dispatch.sent(),
                dispatch.late(),
                dispatch.measuredScheduled(),
                dispatch.measuredSent(),
                dispatch.unfinished(),
                dispatch.interrupted(),
                aborted,
                requests.sent(),
                requests.notSent(),
                requests.refused(),
                dispatch.sentPerSecond(),
                dispatch.duePerSecond());
    }

    private void announce(String what, Optional<ShardStart> shard) {
        String part = shard.map(ShardStart::announcement).orElse("");
        environment
                .out()
                .print(ConsoleSummary.plannedLoad(
                        plan.testId(),
                        plan.describe(),
                        plan.warmup().toNanos() / 1e9,
                        part
                                + what
                                + (plan.rateScale() == 1
                                        ? ""
                                        : ", rate scale " + Numbers.format(plan.rateScale(), 4)
                                                + " of the declared load (" + LoadTest.RATE_SCALE_PROPERTY_NAME + ")")
                                + defaultHeaderNames()
                                + (plan.overrides().isEmpty()
                                        ? ""
                                        : ", overridden: " + String.join(", ", plan.overrides())),
                        redaction.url(plan.baseUrl().map(Object::toString).orElse(""))));
        if (plan.safety().insecureTls()) {
            environment
                    .out()
                    .println("warning: " + plan.testId() + ": TLS certificates are not verified ("
                            + LoadTest.INSECURE_TLS_PROPERTY_NAME + "=true)");
        }
    }

    static Schedule scheduleOf(LoadPlan plan) {
        if (plan.isConstant()) {
            return new ArrivalSchedule(plan.constantRps(), plan.duration().toNanos());
        }
        return new StagedSchedule(stagesOf(plan));
    }

    /** The plan's stages, for the schedule, the users and the phases alike. */
    static Stages stagesOf(LoadPlan plan) {
        return new Stages(plan.stages().stream()
                .map(stage -> new Stages.Stage(stage.name(), stage.duration().toNanos(), stage.from(), stage.to()))
                .toList());
    }

    @Override
    public void close() {
        try {
            workers.close();
        } finally {
            try {
                target.ifPresent(TargetWatch::close);
            } finally {
                http.close();
            }
        }
    }

    /** The result records' view of a plan, kept in its snapshot. */
    static final class PlanIdentity {

        private PlanIdentity() {}

        static RunSnapshot.RunIdentity of(LoadPlan plan, String workers, Redaction redaction) {
            long windowSeconds = plan.rules()
                    .recovery()
                    .map(recovery -> recovery.window().toSeconds())
                    .orElse(5L);
            int windowIntervals = (int) Math.max(
                    1, Math.ceil((double) windowSeconds / plan.interval().toSeconds()));
            LoadTestResult.Configuration configuration = new LoadTestResult.Configuration(
                    plan.model() == Model.OPEN ? "open" : "closed",
                    plan.describe(),
                    plan.stages().stream()
                            .map(stage -> new LoadTestResult.StageConfiguration(
                                    stage.name(), stage.duration().toNanos() / 1e9, stage.from(), stage.to()))
                            .toList(),
                    plan.duration().toNanos() / 1e9,
                    plan.warmup().toNanos() / 1e9,
                    plan.timeout().toNanos() / 1e9,
                    plan.maxInFlight(),
                    plan.thinkTime().toNanos() / 1e9,
                    plan.thinkTimeMax().toNanos() / 1e9,
                    plan.durationScale(),
                    redaction.url(plan.baseUrl().map(Object::toString).orElse("")),
                    plan.stubTarget(),
                    workers,
                    plan.rateScale(),
                    plan.overrides());
            return new RunSnapshot.RunIdentity(
                    plan.testId(),
                    configuration,
                    plan.measuredWindow().toNanos(),
                    plan.interval().toNanos() / 1e9,
                    windowIntervals);
        }
    }
}
