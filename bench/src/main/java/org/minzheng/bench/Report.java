package org.minzheng.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * A run written down: the machine, the ceilings, each phase's offer, rates, latency, outcomes and the backend's CPU,
 * the targets (met or missed, and when the offer rather than the backend bounds one), memory and the invariants.
 */
final class Report {

    /** The latency target at half the saturation rate, for every scenario. */
    static final double P99_TARGET_MS = 50;
    /** The memory target for the backend under load, in JVM mode. */
    static final long RSS_TARGET_MIB = 512;

    private Report() {
    }

    /** Whether the run passed: every invariant holds, every answer was one the scenario allows, something succeeded. */
    static boolean passed(Map<String, List<String>> invariants, List<Scenario.Phase> phases) {
        return Invariants.hold(invariants) && phases.stream().allMatch(p -> p.unexpected().isEmpty()
                && p.load().count(p.success()) > 0);
    }

    static String write(Path file, Scenario scenario, Scenario.Phase saturating, Scenario.Phase half, Ceilings ceilings,
            Map<String, List<String>> invariants, List<String> notes, long peakRssKib) throws IOException {
        List<Scenario.Phase> phases = List.of(saturating, half);
        StringBuilder md = new StringBuilder();
        md.append("# ").append(scenario.title()).append(" — ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
        md.append("**").append(passed(invariants, phases) ? "PASSED"
                : "FAILED: an invariant was broken, an answer was wrong, or nothing succeeded")
                .append("** (a run with a violation fails, whatever its speed)\n\n");
        md.append("## Machine\n\n").append(Machine.facts()).append("\n");
        md.append(ceilings(ceilings));
        md.append("\n## Phases\n\nThe first phase offers a rate meant to saturate the backend; what it achieves is the "
                + "saturation rate. The second offers half of that, where the p99 target applies.\n");
        for (Scenario.Phase p : phases) {
            md.append(phase(p));
        }
        md.append(targets(scenario, saturating, half, ceilings, peakRssKib));
        md.append("\n## Invariants (after both phases, in PostgreSQL and Redis)\n\n| invariant | violations |\n| --- | --- |\n");
        invariants.forEach((name, violations) -> md.append(row(name, violations.isEmpty() ? "0"
                : violations.size() + ": " + String.join("; ", violations.subList(0, Math.min(5, violations.size()))))));
        if (!scenario.points().isEmpty()) {
            md.append(row("bookings the bench was answered for (and left as it says)", scenario.ledger().size()));
        }
        notes.forEach(note -> md.append("\n- ").append(note).append("\n"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md);
        return md.toString();
    }

    private static String phase(Scenario.Phase p) {
        LoadResult load = p.load();
        Histogram h = load.latency;
        StringBuilder md = new StringBuilder("\n### Phase: " + p.label() + "\n\n| | |\n| --- | --- |\n");
        p.setup().forEach((what, value) -> md.append(row(what, value)));
        md.append(row("offered (first attempts)", String.format("%.0f/s", p.offeredPerSecond())));
        if (load.retries() > 0) {
            md.append(row("retries sent (after SLOT_FULL)", load.retries()));
        }
        md.append(row("requests answered", load.requests()));
        md.append(row("answered correctly, per second (from the first intended start to the last such answer)",
                String.format("%.0f/s", p.correctPerSecond())));
        md.append(row("successes (" + p.success() + "), per second", String.format("%d (%.0f/s)", load.count(p.success()),
                load.perSecond(java.util.Set.of(p.success())))));
        md.append(row("backend CPU", String.format("%.1f s, %.2f ms an answer", p.backendCpu().toMillis() / 1000.0,
                p.cpuMillisPerAnswer())));
        md.append(row("the driver's own lag sending a request after its intended start (in the latency; the bench's "
                + "doing, not the backend's): p99, max", String.format("%.1f ms, %.1f ms", ms(load.sendLag.getValueAtPercentile(99)),
                ms(load.sendLag.getMaxValue()))));
        md.append("\nLatency (ms):\n\n| from | p50 | p99 | p99.9 | max |\n| --- | --- | --- | --- | --- |\n");
        md.append(latencies("the intended start (what a resident waits)", h));
        md.append(latencies("the actual send (without the driver's own lag)", load.sinceSent));
        md.append("\n| outcome | answers | |\n| --- | --- | --- |\n");
        load.outcomes().forEach((outcome, n) -> md.append("| " + outcome + " | " + n + " | "
                + (p.correct().contains(outcome) ? "" : outcome.endsWith("NO_ANSWER")
                        ? "given up unanswered after " + Api.GIVE_UP_SECONDS + " s"
                        : outcome.endsWith(Scenario.SHED) ? "shed by the overloaded backend: 503, come back after Retry-After"
                        : "**unexpected**") + " |\n"));
        return md.toString();
    }

    private static String latencies(String from, Histogram h) {
        return String.format("| %s | %.1f | %.1f | %.1f | %.1f |%n", from, ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static String ceilings(Ceilings c) {
        StringBuilder md = new StringBuilder("## Ceilings (same run, same apps and stores, before the scenario)\n\n"
                + "| ceiling | per second |\n| --- | --- |\n");
        md.append(row("HTTP: `GET /api/v1/ping` of the same backend, which does nothing", perSecond(c.httpPerSecond())));
        md.append(row("Redis: the booking gate script (`EVALSHA` slot-reserve.lua, redis-benchmark)",
                perSecond(c.redisGatePerSecond())));
        md.append(row("PostgreSQL: the booking transaction on one hot slot (pgbench)", perSecond(c.pgHotSlotPerSecond())));
        md.append(row("PostgreSQL: the booking transaction on many slots (pgbench)", perSecond(c.pgManySlotsPerSecond())));
        md.append("\n");
        c.notes().lines().forEach(note -> md.append("- ").append(note).append("\n"));
        return md.toString();
    }

    private static String targets(Scenario scenario, Scenario.Phase saturating, Scenario.Phase half, Ceilings c,
            long peakRssKib) {
        StringBuilder md = new StringBuilder("\n## Targets\n\n| target | value | goal | |\n| --- | --- | --- | --- |\n");
        List<String> bounds = new ArrayList<>();
        double sent = saturating.load().requests() / (saturating.arrivals().toNanos() / 1e9);
        boolean saturated = saturating.correctPerSecond() < 0.9 * sent;
        for (Scenario.Ratio r : scenario.ratios(saturating, c)) {
            md.append(String.format("| %s | %.2f | ≥ %.1f | %s |%n", r.what(), r.value(), r.target(),
                    r.value() >= r.target() ? "met" : "missed"));
            // a backend that fell behind its offer is what bounds the ratio, whatever the offer
            if (r.bound() != null && r.value() < r.target() && !saturated) {
                bounds.add("- " + r.what() + ": " + r.bound() + ", so it could not reach its target however fast the backend.");
            }
        }
        double p99 = ms(half.load().latency.getValueAtPercentile(99));
        double p99Sent = ms(half.load().sinceSent.getValueAtPercentile(99));
        String goal = scenario.latencyTarget() ? String.format("≤ %.0f ms", P99_TARGET_MS) : "none (not the issue's scenario)";
        md.append(String.format("| p99 at half the saturation rate (%.0f/s offered), from the intended start | %.1f ms | %s "
                + "| %s |%n", half.offeredPerSecond(), p99, goal, met(scenario, p99)));
        md.append(String.format("| the same from the actual send (without the driver's own lag) | %.1f ms | %s | %s |%n",
                p99Sent, goal, met(scenario, p99Sent)));
        if (peakRssKib >= 0) {
            md.append(String.format("| backend peak RSS (VmHWM) during the phases | %d MiB | ≤ %d MiB | %s |%n", peakRssKib / 1024,
                    RSS_TARGET_MIB, peakRssKib / 1024 <= RSS_TARGET_MIB ? "met" : "missed"));
        }
        if (!saturated) {
            bounds.add(String.format("- The first phase answered about as fast as it sent (%.0f of %.0f requests/s): it did "
                    + "not saturate the backend, so its rate is a lower bound of the saturation rate.",
                    saturating.correctPerSecond(), sent));
        }
        if (!bounds.isEmpty()) {
            md.append("\n").append(String.join("\n", bounds)).append("\n");
        }
        return md.toString();
    }

    private static String met(Scenario scenario, double p99) {
        return !scenario.latencyTarget() ? "" : p99 <= P99_TARGET_MS ? "met" : "missed";
    }

    private static String perSecond(double rate) {
        return String.format("%.0f", rate);
    }

    private static String row(String what, Object value) {
        return "| " + what + " | " + value + " |\n";
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
