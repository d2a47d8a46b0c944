package org.minzheng.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/** A run written down: the machine, what was offered and achieved, latency, outcomes, memory and the invariants. */
final class Report {

    private Report() {
    }

    static String write(Path file, FlashRelease.Run run, Map<String, List<String>> invariants, long peakRssKib)
            throws IOException {
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
        md.append(row("backend peak RSS (VmHWM)", peakRssKib < 0 ? "unknown" : (peakRssKib / 1024) + " MiB"));
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

    private static String row(String what, Object value) {
        return "| " + what + " | " + value + " |\n";
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
