package org.minzheng.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs a scenario against the packaged apps it starts itself: the ceilings first, then the scenario's two phases (one
 * meant to saturate the backend, one at half the rate it achieved), then the invariants, and writes the report.
 * {@code bench/run.sh} is the one command (see its usage).
 */
public final class Bench {

    /** What a run came to. */
    public record Outcome(boolean passed, Scenario.Phase saturating, Scenario.Phase half, Ceilings ceilings, String report) {
    }

    /** How long each ceiling is measured in a real run. */
    static final Duration CEILING_EACH = Duration.ofSeconds(5);

    private static final String USAGE = """
            usage: bench flash [residents=20000] [arrival-seconds=5] [windows=20] [capacity=200]
                   bench storm [requests-per-second=6000] [seconds=20]
                   bench busy  [residents=5000] [arrivals-per-second=800] [seconds=90]
                   bench documents [uploads-per-second=8] [seconds=30] [kib=10240]""";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args.length == 0 ? "" : args[0];
        Function<Scenario.Context, Scenario> make = switch (scenario) {
            case "flash" -> c -> new FlashRelease(c, new FlashRelease.Settings(arg(args, 1, 20_000), arg(args, 3, 20),
                    arg(args, 4, 200), Duration.ofSeconds(arg(args, 2, 5))));
            case "storm" -> c -> new AvailabilityStorm(c, new AvailabilityStorm.Settings(arg(args, 1, 6000),
                    Duration.ofSeconds(arg(args, 2, 20))));
            case "busy" -> c -> new BusyDay(c, new BusyDay.Settings(arg(args, 1, 5000), arg(args, 2, 800),
                    Duration.ofSeconds(arg(args, 3, 90))));
            case "documents" -> c -> new DocumentUploads(c, new DocumentUploads.Settings(arg(args, 1, 8),
                    Duration.ofSeconds(arg(args, 2, 30)), arg(args, 3, 10 * 1024)));
            default -> null;
        };
        if (make == null) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path root = Path.of("").toAbsolutePath();
        Path report = root.resolve("bench/results").resolve(LocalDate.now() + "-" + scenario + ".md");
        Outcome outcome = run(root, make, CEILING_EACH, report);
        System.out.println(outcome.report());
        System.out.println("report: " + report);
        System.exit(outcome.passed() ? 0 : 1);
    }

    private static int arg(String[] args, int i, int otherwise) {
        return args.length > i ? Integer.parseInt(args[i]) : otherwise;
    }

    /**
     * A scenario against apps started from {@code root}'s build output, after the ceilings (each measured for about
     * {@code ceilingEach}) on the same apps and stores; the report goes to {@code report}.
     */
    public static Outcome run(Path root, Function<Scenario.Context, Scenario> make, Duration ceilingEach, Path report)
            throws Exception {
        return runAll(root, List.of(make), ceilingEach, s -> report).get(0);
    }

    /** Scenarios one after the other on the same apps, after one measure of the ceilings; a report each. */
    static List<Outcome> runAll(Path root, List<Function<Scenario.Context, Scenario>> scenarios, Duration ceilingEach,
            Function<Scenario, Path> reports) throws Exception {
        Path logs = root.resolve("bench/target/logs");
        Files.createDirectories(logs);
        try (Apps apps = Apps.start(root, logs)) {
            String runId = UUID.randomUUID().toString().substring(0, 8);
            Ceilings ceilings = Ceilings.measure(root, apps.backendUrl, apps.backendProcess(), ceilingEach, runId);
            Api backend = new Api(apps.backendUrl);
            List<Outcome> outcomes = new java.util.ArrayList<>();
            for (Function<Scenario.Context, Scenario> make : scenarios) {
                // signed in per scenario: an access token lasts half an hour
                Scenario scenario = make.apply(new Scenario.Context(backend, new Api(apps.simUrl), apps.backendProcess(),
                        Supply.admin(backend), runId));
                scenario.prepare();
                apps.resetPeakRss();
                Scenario.Phase saturating = scenario.run("saturating", scenario.saturatingRate());
                // half the rate it reached, in arrivals (a flash release's retries are answers, not arrivals)
                long requests = saturating.load().requests();
                double arrivalsReached = saturating.correctPerSecond() * (requests - saturating.load().retries())
                        / Math.max(1, requests);
                Scenario.Phase half = scenario.run("half", arrivalsReached / 2);
                long peakRss = apps.backendPeakRssKib();
                List<String> notes = new java.util.ArrayList<>();
                Map<String, List<String>> invariants = new java.util.LinkedHashMap<>();
                if (!scenario.points().isEmpty()) {
                    Invariants.awaitQuiet(scenario.points());
                    invariants.putAll(Invariants.check(scenario.points(), scenario.ledger(), notes));
                }
                invariants.putAll(scenario.ownInvariants());
                String text = Report.write(reports.apply(scenario), scenario, saturating, half, ceilings, invariants, notes,
                        peakRss);
                outcomes.add(new Outcome(Report.passed(invariants, List.of(saturating, half)), saturating, half, ceilings, text));
            }
            return outcomes;
        }
    }
}
