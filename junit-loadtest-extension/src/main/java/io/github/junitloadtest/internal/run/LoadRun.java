package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.internal.evaluate.RunEvaluator;
import io.github.junitloadtest.internal.execute.AbortWatch;
import io.github.junitloadtest.internal.execute.DispatchResult;
import io.github.junitloadtest.internal.execute.IterationBody;
import io.github.junitloadtest.internal.execute.IterationDispatcher;
import io.github.junitloadtest.internal.execute.UserLoop;
import io.github.junitloadtest.internal.execute.Workers;
import io.github.junitloadtest.internal.format.Redaction;
import io.github.junitloadtest.internal.http.DefaultLoadHttp;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.plan.LoadPlan.Model;
import io.github.junitloadtest.internal.plan.LoadPlan.PlanStage;
import io.github.junitloadtest.internal.record.IntervalLog;
import io.github.junitloadtest.internal.record.IterationContext;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.record.PhaseMap;
import io.github.junitloadtest.internal.record.RequestCounts;
import io.github.junitloadtest.internal.report.ConsoleSummary;
import io.github.junitloadtest.internal.report.ProgressPrinter;
import io.github.junitloadtest.internal.report.ReportFiles;
import io.github.junitloadtest.internal.schedule.ArrivalSchedule;
import io.github.junitloadtest.internal.schedule.NanoClock;
import io.github.junitloadtest.internal.schedule.Pacer;
import io.github.junitloadtest.internal.schedule.Schedule;
import io.github.junitloadtest.internal.schedule.StagedSchedule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One load test's run: its HTTP client, workers and recorder, from the first arrival to the
 * result. Closing it releases every thread and connection it made.
 */
public final class LoadRun implements AutoCloseable {

    /**
     * The outcome of {@link #execute}.
     *
     * @param result the evaluated result
     * @param dispatch how the arrivals went, including whether the run was interrupted
     */
    public record Finished(LoadTestResult result, DispatchResult dispatch) {}

    private final LoadPlan plan;
    private final NanoClock clock = NanoClock.SYSTEM;
    private final LatencyRecorder recorder;
    private final IterationContext context = new IterationContext();
    private final DefaultLoadHttp http;
    private final Workers workers;
    private final Redaction redaction;

    /**
     * Prepares a run; nothing is sent until {@link #execute}.
     *
     * @param plan the validated plan
     * @param methodDescription the test method, for configuration errors
     */
    public LoadRun(LoadPlan plan, String methodDescription) {
        this.plan = plan;
        PhaseMap phases = new PhaseMap(plan.stages().stream().map(stage -> stage.duration().toNanos()).toList(),
                plan.stages().stream().map(PlanStage::name).toList());
        long windowSeconds = plan.rules().recovery().map(recovery -> recovery.window().toSeconds()).orElse(5L);
        int windowIntervals = (int) Math.max(1, Math.ceil((double) windowSeconds / plan.interval().toSeconds()));
        this.redaction = new Redaction(plan.safety().secretHeaders());
        this.recorder = new LatencyRecorder(phases, windowIntervals).redacting(redaction);
        recorder.watchStatuses(plan.rules().neverStatuses());
        this.http = new DefaultLoadHttp(plan.baseUrl(), plan.timeout(), methodDescription, recorder, context, clock,
                plan.rules().successStatuses(), plan.safety());
        this.workers = Workers.forThisJvm(plan.maxInFlight());
    }

    /** The client the test method receives. */
    public LoadHttp http() {
        return http;
    }

    /**
     * Runs the schedule on the calling thread and evaluates it.
     *
     * @param body one iteration
     * @return the result and how the arrivals went
     */
    public Finished execute(IterationBody body) {
        Instant startTime;
        DispatchResult dispatch;
        GeneratorMonitor monitor = new GeneratorMonitor();
        ProgressPrinter progress = new ProgressPrinter(plan.testId(), plan.duration().toNanos() / 1e9,
                plan.model() == Model.OPEN ? plan.peak() : 0, System.console() != null, System.out);
        recorder.onTick(point -> {
            monitor.sample();
            progress.accept(point);
        });
        IntervalLog log = new IntervalLog(intervalLogFile(), System.currentTimeMillis());
        recorder.logIntervalsTo(log);
        try (log) {
            if (plan.model() == Model.OPEN) {
            Schedule schedule = scheduleOf(plan);
            long planned = schedule.size() - schedule.countBefore(plan.warmup().toNanos());
            IterationDispatcher dispatcher = new IterationDispatcher(schedule, plan.warmup(), plan.maxInFlight(),
                    plan.timeout(), clock, Pacer.parking(clock), workers, recorder, context)
                    .abortingWhen(AbortWatch.of(plan, planned, recorder).orWhen(http::capReached))
                    .withTimelineInterval(plan.interval());
            announce(schedule.size() + " requests planned");
            startTime = Instant.now();
            dispatch = dispatcher.run(body);
        } else {
            UserLoop users = new UserLoop(plan.stages(), plan.warmup(), plan.thinkTime(), plan.thinkTimeMax(),
                    plan.timeout(), clock, Pacer.parking(clock), workers, recorder, context)
                    .abortingWhen(AbortWatch.NONE.orWhen(http::capReached))
                    .withTimelineInterval(plan.interval());
            announce("closed model");
            startTime = Instant.now();
            dispatch = users.run(body);
        }
        }
        Instant endTime = Instant.now();
        RequestCounts requests = http.requestCounts();
        Optional<String> cap = http.capReached();
        if (cap.isPresent() && dispatch.aborted().isPresent()) {
            // Said now that the run has ended: the requests stopped with it are counted as not sent.
            dispatch = dispatch.withAborted(dispatch.aborted()
                    .map(reason -> reason.replace(cap.get(), requests.withCounts(cap.get()))));
        }
        LoadTestResult result = RunEvaluator.evaluate(plan, dispatch, recorder, requests, workers.kind(),
                monitor.usage(), startTime, endTime);
        return new Finished(result, dispatch);
    }

    /** Where the run's HdrHistogram interval log goes. */
    public Path intervalLogFile() {
        return plan.reportDir().resolve(ReportFiles.safeName(plan.testId()) + ".hlog");
    }

    private void announce(String what) {
        System.out.print(ConsoleSummary.plannedLoad(plan.testId(), plan.describe(), plan.warmup().toNanos() / 1e9, what,
                redaction.url(plan.baseUrl().map(Object::toString).orElse(""))));
        if (plan.safety().insecureTls()) {
            System.out.println("warning: " + plan.testId() + ": TLS certificates are not verified ("
                    + LoadTest.INSECURE_TLS_PROPERTY_NAME + "=true)");
        }
    }

    static Schedule scheduleOf(LoadPlan plan) {
        if (plan.isConstant()) {
            return new ArrivalSchedule(plan.constantRps(), plan.duration().toNanos());
        }
        return new StagedSchedule(plan.stages().stream()
                .map(stage -> new StagedSchedule.Segment(stage.duration().toNanos(), stage.from(), stage.to()))
                .toList());
    }

    @Override
    public void close() {
        try {
            workers.close();
        } finally {
            http.close();
        }
    }
}
