package org.minzheng.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A load scenario: made ready through the real API before the clock (residents, points, slots, a warm-up), then run
 * as phases at a fixed offered rate; what it made is checked by {@link Invariants} afterwards.
 */
interface Scenario {

    /** The name in {@code bench/run.sh <name>} and in the report's file name. */
    String name();

    String title();

    /** Everything before the clock: residents signed up, points and slots made, the paths warmed. */
    void prepare() throws Exception;

    /** One phase at {@code perSecond} arrivals (first attempts) a second. */
    Phase run(String label, double perSecond) throws Exception;

    /** The arrival rate of the phase meant to saturate the backend. */
    double saturatingRate();

    /** The service points whose slots and bookings the invariants check. */
    List<Long> points();

    /** The bookings the bench was answered for. */
    Invariants.Ledger ledger();

    /** The ratios of the saturating phase to the ceilings (the p99 target is the report's, for every scenario). */
    List<Ratio> ratios(Phase saturating, Ceilings ceilings);

    /** Whether the p99 target applies (to its three scenarios, not to moving 10 MiB files). */
    default boolean latencyTarget() {
        return true;
    }

    /** Invariants of the scenario's own, beside the bookings' ({@link Invariants#check}): each name and its violations. */
    default Map<String, List<String>> ownInvariants() {
        return Map.of();
    }

    /** What every scenario works with: the apps' APIs, the backend's process (its CPU), an administrator, the run. */
    record Context(Api backend, Api sim, ProcessHandle backendProcess, String admin, String runId) {
    }

    /**
     * {@code count} arrivals over {@code over}, each started by {@code arrival} and recorded in the phase's result; the
     * backend's CPU time is taken around them.
     */
    static Phase measure(Context context, String label, int count, Duration over, Set<String> correct, String success,
            Map<String, String> setup, java.util.function.Function<LoadResult, OpenLoop.Arrival> arrival) {
        LoadResult load = new LoadResult();
        Duration cpu = Ceilings.cpu(context.backendProcess());
        OpenLoop.run(count, over, load, arrival.apply(load));
        return new Phase(label, count / (over.toNanos() / 1e9), over, load, correct, success, setup,
                Ceilings.cpu(context.backendProcess()).minus(cpu));
    }

    /** A ratio and its target; {@code bound} says when the offer, not the backend, kept it below its target. */
    record Ratio(String what, double value, double target, String bound) {
    }

    /** 503 with Retry-After: a database connection did not come free in time (after part of the work, perhaps). */
    String SHED = "SERVICE_BUSY";

    /** What one phase came to. */
    record Phase(String label, double offeredPerSecond, Duration arrivals, LoadResult load, Set<String> correct,
            String success, Map<String, String> setup, Duration backendCpu) {

        /** Answers in {@link #correct} per second. */
        double correctPerSecond() {
            return load.perSecond(correct);
        }

        /**
         * Answers outside {@link #correct}: errors and refusals the scenario should never meet. A request given up after a
         * minute unanswered (NO_ANSWER) is no wrong answer but a resident who waited too long: it shows in the latency; nor
         * is a request the overloaded backend shed ({@link #SHED}), told to come back.
         */
        Map<String, Long> unexpected() {
            Map<String, Long> wrong = new LinkedHashMap<>(load.outcomes());
            wrong.keySet().removeAll(correct);
            wrong.keySet().removeIf(outcome -> outcome.endsWith("NO_ANSWER") || outcome.endsWith(SHED));
            return wrong;
        }

        /** The backend's CPU time per answer, in milliseconds. */
        double cpuMillisPerAnswer() {
            return backendCpu.toNanos() / 1e6 / Math.max(1, load.requests());
        }
    }
}
