package org.minzheng.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a scenario against the packaged apps it starts itself, checks the invariants and writes the report.
 * {@code bench/run.sh} is the one command: {@code bench/run.sh flash [residents] [arrival-seconds]}.
 */
public final class Bench {

    /** What a run came to. */
    public record Outcome(boolean invariantsHold, long successes, long slotFull, long requests, Ceilings ceilings,
            String report) {
    }

    /** How long each ceiling is measured in a real run. */
    static final Duration CEILING_EACH = Duration.ofSeconds(5);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !"flash".equals(args[0])) {
            System.err.println("usage: bench flash [residents] [arrival-seconds] [windows] [capacity]");
            System.exit(2);
        }
        int residents = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int windows = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int capacity = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        Path root = Path.of("").toAbsolutePath();
        Path report = root.resolve("bench/results").resolve(LocalDate.now() + "-flash.md");
        Outcome outcome = flash(root, new FlashRelease.Settings(residents, windows, capacity, Duration.ofSeconds(seconds), 1.1),
                CEILING_EACH, report);
        System.out.println(outcome.report());
        System.out.println("report: " + report);
        System.exit(outcome.invariantsHold() ? 0 : 1);
    }

    /**
     * The flash release against apps started from {@code root}'s build output, after the ceilings (each measured for
     * about {@code ceilingEach}) on the same apps and stores; the report goes to {@code report}.
     */
    public static Outcome flash(Path root, FlashRelease.Settings settings, Duration ceilingEach, Path report) throws Exception {
        Path logs = root.resolve("bench/target/logs");
        Files.createDirectories(logs);
        try (Apps apps = Apps.start(root, logs)) {
            String runId = UUID.randomUUID().toString().substring(0, 8);
            Ceilings ceilings = Ceilings.measure(root, apps.backendUrl, apps.backendProcess(), ceilingEach, runId);
            apps.resetPeakRss();
            FlashRelease.Run run = FlashRelease.run(new Api(apps.backendUrl), new Api(apps.simUrl), settings, runId);
            Map<String, List<String>> invariants = Invariants.check(run);
            String text = Report.write(report, run, invariants, apps.backendPeakRssKib(), ceilings);
            return new Outcome(Invariants.hold(invariants), run.load().count("201"), run.load().count("SLOT_FULL"),
                    run.load().requests(), ceilings, text);
        }
    }
}
