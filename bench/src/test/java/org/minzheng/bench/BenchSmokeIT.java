package org.minzheng.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * The bench's short variant in the test command, so it never rots: each scenario at a low rate for a few seconds
 * through the real apps, after the ceilings measured for a second each, with every invariant checked.
 */
class BenchSmokeIT {

    @Test
    void everyScenarioRunsSmallAndKeepsEveryInvariant() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        DocumentUploads[] uploads = new DocumentUploads[1];
        List<Function<Scenario.Context, Scenario>> scenarios = List.of(
                // more residents than places: 40 places for 60
                c -> new FlashRelease(c, new FlashRelease.Settings(60, 4, 10, Duration.ofSeconds(2))),
                c -> new AvailabilityStorm(c, new AvailabilityStorm.Settings(100, Duration.ofSeconds(2))),
                c -> new BusyDay(c, new BusyDay.Settings(400, 40, Duration.ofSeconds(4))),
                c -> uploads[0] = new DocumentUploads(c, new DocumentUploads.Settings(4, Duration.ofSeconds(2), 256)));
        List<Bench.Outcome> outcomes = Bench.runAll(root, scenarios, Duration.ofSeconds(1),
                s -> Path.of("target", "bench-smoke-" + s.name() + ".md"));

        for (Bench.Outcome outcome : outcomes) {
            assertThat(outcome.passed()).as(outcome.report()).isTrue();
            assertThat(outcome.report()).contains("PASSED", "p99.9", "Ceilings (same run", "p99 at half the saturation rate",
                    "backend CPU");
        }
        for (Bench.Outcome bookings : outcomes.subList(0, 3)) {
            assertThat(bookings.report()).contains("booked units = sum of active bookings, every slot");
        }
        Bench.Outcome flash = outcomes.get(0);
        // a resident tries two windows at most, so a place or two may stay free; never more than there are
        assertThat(flash.saturating().load().count("201")).as("bookings made").isBetween(30L, 40L);
        assertThat(flash.saturating().load().count("SLOT_FULL")).as("the rest told the window is full").isPositive();
        assertThat(flash.report()).contains("answered correctly (201, SLOT_FULL)/s ÷ HTTP ceiling",
                "successful bookings/s ÷ PostgreSQL hot-slot ceiling");
        assertThat(outcomes.get(1).report()).contains("slot lists answered/s ÷ HTTP ceiling");
        assertThat(outcomes.get(1).saturating().load().count("200")).isEqualTo(200);
        Bench.Outcome busy = outcomes.get(2);
        assertThat(busy.saturating().load().outcomes().keySet()).as(busy.report())
                .anyMatch(o -> o.startsWith("book ")).anyMatch(o -> o.startsWith("read ")).anyMatch(o -> o.startsWith("inbox "));
        Ceilings ceilings = flash.ceilings();
        assertThat(List.of(ceilings.httpPerSecond(), ceilings.redisGatePerSecond(), ceilings.pgHotSlotPerSecond(),
                ceilings.pgManySlotsPerSecond())).as(ceilings.notes()).allMatch(rate -> rate > 0 && Double.isFinite(rate));
        assertThat(Files.readString(Path.of("target", "bench-smoke-busy.md"))).contains("Busy day");
        Bench.Outcome documents = outcomes.get(3);
        assertThat(documents.saturating().load().count("201")).as(documents.report()).isEqualTo(8);
        assertThat(documents.report()).contains(DocumentUploads.DOCUMENTS_STORED, DocumentUploads.NONE_UNANNOUNCED,
                "none (not the issue's scenario)");

        // the documents' checks can fail: a stored document altered, one without its sealed bytes, one nobody was
        // answered for
        String last = "(SELECT max(id) FROM application_document)";
        String first = "(SELECT min(id) FROM application_document WHERE application_id = (SELECT application_id "
                + "FROM application_document WHERE id = " + last + "))";
        assertThat(Stores.update("UPDATE application_document SET size_bytes = size_bytes + 1 WHERE id = " + last)).isOne();
        assertThat(Stores.update("DELETE FROM document_blob WHERE storage_key = (SELECT storage_key FROM "
                + "application_document WHERE id = " + first + ")")).isOne();
        assertThat(Stores.update("INSERT INTO application_document (application_id, kind, media_type, size_bytes, sha256, "
                + "storage_key, uploaded_by_kind, uploaded_by_id, uploaded_at) SELECT application_id, kind, media_type, "
                + "size_bytes, sha256, storage_key || '-stranger', uploaded_by_kind, uploaded_by_id, uploaded_at "
                + "FROM application_document WHERE id = " + last)).isOne();
        Map<String, List<String>> broken = uploads[0].ownInvariants();
        assertThat(broken.get(DocumentUploads.DOCUMENTS_STORED)).as(broken.toString()).hasSize(2);
        assertThat(broken.get(DocumentUploads.NONE_UNANNOUNCED)).as(broken.toString()).hasSize(1);
    }
}
