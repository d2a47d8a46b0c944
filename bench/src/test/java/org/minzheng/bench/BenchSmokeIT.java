package org.minzheng.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The bench's short variant in the test command, so it never rots: a flash release of 60 residents over 2 s
 * on 4 windows of 10 (more residents than places), through the real apps, with every invariant checked, after
 * the ceilings measured for a second each.
 */
class BenchSmokeIT {

    @Test
    void aSmallFlashReleaseKeepsEveryInvariant() throws Exception {
        Path report = Path.of("target", "bench-smoke-flash.md");
        Bench.Outcome outcome = Bench.flash(Path.of("..").toAbsolutePath().normalize(),
                new FlashRelease.Settings(60, 4, 10, Duration.ofSeconds(2), 1.1), Duration.ofSeconds(1), report);
        assertThat(outcome.invariantsHold()).as(outcome.report()).isTrue();
        // a resident tries two windows at most, so a place or two may stay free; never more than there are
        assertThat(outcome.successes()).as("bookings made").isBetween(30L, 40L);
        assertThat(outcome.slotFull()).as("the rest told the window is full").isPositive();
        assertThat(outcome.requests()).isGreaterThanOrEqualTo(60);
        assertThat(Files.readString(report)).contains("PASSED", "p99.9", "backend peak RSS", "Ceilings (same run)",
                "answers/s ÷ HTTP ceiling", "successful bookings/s ÷ PostgreSQL hot-slot ceiling");
        Ceilings ceilings = outcome.ceilings();
        assertThat(List.of(ceilings.httpPerSecond(), ceilings.redisGatePerSecond(), ceilings.pgHotSlotPerSecond(),
                ceilings.pgManySlotsPerSecond())).as(ceilings.notes()).allMatch(rate -> rate > 0 && Double.isFinite(rate));
    }
}
