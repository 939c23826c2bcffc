package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.internal.evaluate.RunEvaluator;
import io.github.junitloadtest.internal.execute.DispatchResult;
import io.github.junitloadtest.internal.execute.IterationBody;
import io.github.junitloadtest.internal.execute.IterationDispatcher;
import io.github.junitloadtest.internal.execute.Workers;
import io.github.junitloadtest.internal.http.DefaultLoadHttp;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.record.IterationContext;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.report.ConsoleSummary;
import io.github.junitloadtest.internal.schedule.ArrivalSchedule;
import io.github.junitloadtest.internal.schedule.NanoClock;
import io.github.junitloadtest.internal.schedule.Pacer;
import java.time.Instant;

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
    private final LatencyRecorder recorder = new LatencyRecorder();
    private final IterationContext context = new IterationContext();
    private final DefaultLoadHttp http;
    private final Workers workers;

    /**
     * Prepares a run; nothing is sent until {@link #execute}.
     *
     * @param plan the validated plan
     * @param methodDescription the test method, for configuration errors
     */
    public LoadRun(LoadPlan plan, String methodDescription) {
        this.plan = plan;
        this.http = new DefaultLoadHttp(plan.baseUrl(), plan.timeout(), methodDescription, recorder, context, clock);
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
        ArrivalSchedule schedule = new ArrivalSchedule(plan.rps(), plan.duration().toNanos());
        IterationDispatcher dispatcher = new IterationDispatcher(schedule, plan.warmup(), plan.maxInFlight(),
                plan.timeout(), clock, Pacer.parking(clock), workers, recorder, context);
        System.out.print(ConsoleSummary.plannedLoad(plan.testId(), plan.rps(), plan.duration().toNanos() / 1e9,
                plan.warmup().toNanos() / 1e9, schedule.size(), plan.baseUrl().map(Object::toString).orElse("")));
        Instant startTime = Instant.now();
        DispatchResult dispatch = dispatcher.run(body);
        Instant endTime = Instant.now();
        recorder.harvest();
        LoadTestResult result = RunEvaluator.evaluate(plan, dispatch, recorder, workers.kind(), startTime, endTime);
        return new Finished(result, dispatch);
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
