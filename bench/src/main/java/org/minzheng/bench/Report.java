package org.minzheng.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * A run written down: the machine, what was offered and achieved, the ceilings and the ratios to them, latency,
 * outcomes, memory and the invariants.
 */
final class Report {

    private Report() {
    }

    static String write(Path file, FlashRelease.Run run, Map<String, List<String>> invariants, long peakRssKib,
            Ceilings ceilings) throws IOException {
        LoadResult load = run.load();
        Histogram h = load.latency;
        StringBuilder md = new StringBuilder();
        md.append("# Flash release — ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
        md.append("**").append(Invariants.hold(invariants) ? "PASSED" : "FAILED: an invariant was broken")
                .append("** (a run with a violation fails, whatever its speed)\n\n");
        md.append("## Machine\n\n").append(Machine.facts()).append("\n");
        FlashRelease.Settings s = run.settings();
        md.append("## Load\n\n");
        md.append("| | |\n| --- | --- |\n");
        md.append(row("residents (each books once, and on SLOT_FULL tries the next window once)", s.residents()));
        md.append(row("windows × capacity", s.windows() + " × " + s.capacity() + " = " + s.windows() * s.capacity()));
        md.append(row("arrivals", "over " + s.arrivals().toMillis() + " ms, Zipf exponent " + s.zipfExponent()));
        md.append(row("offered (first attempts)", String.format("%.0f/s", s.offeredPerSecond())));
        md.append(row("requests answered", load.requests()));
        md.append(row("achieved (answers / (last answer − first intended start))",
                String.format("%.0f/s", load.requests() / load.seconds())));
        md.append(row("successful bookings", load.count("201") + String.format(" (%.0f/s)", load.count("201") / load.seconds())));
        md.append(row("backend peak RSS (VmHWM, during the scenario)", peakRssKib < 0 ? "unknown" : (peakRssKib / 1024) + " MiB"));
        md.append(ceilings(load, s, ceilings));
        md.append("\n## Latency from the intended start (ms)\n\n| p50 | p99 | p99.9 | max |\n| --- | --- | --- | --- |\n");
        md.append(String.format("| %.1f | %.1f | %.1f | %.1f |%n", ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue())));
        md.append("\n## Outcomes\n\n| outcome | requests |\n| --- | --- |\n");
        load.outcomes().forEach((outcome, n) -> md.append(row(outcome, n)));
        md.append("\n## Invariants\n\n| invariant | violations |\n| --- | --- |\n");
        invariants.forEach((name, violations) -> md.append(row(name, violations.isEmpty() ? "0"
                : violations.size() + ": " + String.join("; ", violations.subList(0, Math.min(5, violations.size()))))));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md);
        return md.toString();
    }

    /** The ceilings measured before the scenario, and the ratios of the scenario's rates to them. */
    private static String ceilings(LoadResult load, FlashRelease.Settings s, Ceilings c) {
        StringBuilder md = new StringBuilder("\n## Ceilings (same run)\n\n| ceiling | per second |\n| --- | --- |\n");
        md.append(row("HTTP: `GET /api/v1/ping` of the same backend, which does nothing, with the bench's client",
                perSecond(c.httpPerSecond())));
        md.append(row("Redis: the booking gate script (`EVALSHA` slot-reserve.lua, redis-benchmark)",
                perSecond(c.redisGatePerSecond())));
        md.append(row("PostgreSQL: the booking transaction on one hot slot (pgbench)", perSecond(c.pgHotSlotPerSecond())));
        md.append(row("PostgreSQL: the booking transaction on many slots (pgbench)", perSecond(c.pgManySlotsPerSecond())));
        md.append("\n");
        c.notes().lines().forEach(note -> md.append("- ").append(note).append("\n"));
        double answers = load.requests() / load.seconds();
        double bookings = load.count("201") / load.seconds();
        md.append("\n## Against the ceilings\n\n| ratio | value | target | |\n| --- | --- | --- | --- |\n");
        md.append(ratio("answers/s ÷ HTTP ceiling", answers / c.httpPerSecond(), 0.5));
        md.append(ratio("successful bookings/s ÷ PostgreSQL hot-slot ceiling", bookings / c.pgHotSlotPerSecond(), 0.8));
        // an open model answers no faster than it is offered, and books no more than there are places: say when even
        // a backend answering at once could not reach a target
        double arrivals = s.arrivals().toNanos() / 1e9;
        if (2 * s.offeredPerSecond() < 0.5 * c.httpPerSecond()) {
            md.append(String.format("%nThe run offered %.0f first attempts/s, at most %.0f answers/s with the retries: less "
                    + "than 0.5 × the HTTP ceiling (%.0f/s), so the answers' ratio could not reach its target, however fast "
                    + "the backend.%n", s.offeredPerSecond(), 2 * s.offeredPerSecond(), 0.5 * c.httpPerSecond()));
        }
        int places = Math.min(s.windows() * s.capacity(), s.residents());
        if (places / arrivals < 0.8 * c.pgHotSlotPerSecond()) {
            md.append(String.format("%nThe run had %d places for arrivals over %.1f s, at most %.0f bookings/s even if all "
                    + "were booked as they arrived: less than 0.8 × the hot-slot ceiling (%.0f/s), so the bookings' ratio "
                    + "could not reach its target, however fast the backend.%n", places, arrivals, places / arrivals,
                    0.8 * c.pgHotSlotPerSecond()));
        }
        return md.toString();
    }

    private static String ratio(String what, double value, double target) {
        return String.format("| %s | %.2f | ≥ %.1f | %s |%n", what, value, target, value >= target ? "met" : "missed");
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
