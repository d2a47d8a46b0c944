package org.minzheng.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Time comes from the injected Clock only, so tests can move it; this fails on any direct read. */
class SystemClockUsageTest {

    private static final Pattern SYSTEM_TIME = Pattern.compile(
            "\\b(Instant|LocalDate|LocalDateTime|LocalTime|OffsetDateTime|ZonedDateTime|Year|YearMonth)\\.now\\(\\s*\\)"
                    + "|System\\.currentTimeMillis\\(|new java\\.util\\.Date\\(\\s*\\)|new Date\\(\\s*\\)"
                    + "|Clock\\.system(UTC|DefaultZone)?\\(");

    @Test
    void mainCodeReadsTimeOnlyFromTheInjectedClock() throws IOException {
        Path main = Path.of("src", "main", "java");
        try (Stream<Path> files = Files.walk(main)) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith(Path.of("common", "time", "ClockProducer.java")))
                    .flatMap(SystemClockUsageTest::offendingLines)
                    .toList();
            assertThat(offenders).as("read time from the injected java.time.Clock").isEmpty();
        }
    }

    @Test
    void thePatternCatchesDirectReads() {
        assertThat(SYSTEM_TIME.matcher("var t = Instant.now();").find()).isTrue();
        assertThat(SYSTEM_TIME.matcher("long t = System.currentTimeMillis();").find()).isTrue();
        assertThat(SYSTEM_TIME.matcher("LocalDate.now( )").find()).isTrue();
        assertThat(SYSTEM_TIME.matcher("LocalDate.now(clock)").find()).isFalse();
    }

    private static Stream<String> offendingLines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return java.util.stream.IntStream.range(0, lines.size())
                    .filter(i -> SYSTEM_TIME.matcher(lines.get(i)).find())
                    .mapToObj(i -> file + ":" + (i + 1) + ": " + lines.get(i).strip());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
