package org.minzheng.booking.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minzheng.booking.SupplyFixtures.point;
import static org.minzheng.booking.SupplyFixtures.query;
import static org.minzheng.booking.SupplyFixtures.update;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The scheduled job really runs, on its own, and rolls the horizon without anyone calling an API. */
@QuarkusTest
@TestProfile(SlotMaterialisationJobTest.EverySecond.class)
class SlotMaterialisationJobTest {

    public static class EverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("minzheng.booking.materialise-every", "1s");
        }
    }

    @Inject
    AgroalDataSource db;
    @Inject
    TestClock clock;

    @Test
    void theJobMaterialisesASchedulePutStraightIntoTheDatabase() {
        long gate = point(Logins.admin(), "TOMB_SWEEPING");
        // behind the API's back: only the job can turn this into slots
        update(db, "INSERT INTO schedule (service_point_id, service_type, workdays_only, weekdays, starts_at, ends_at, "
                + "slot_minutes, capacity, valid_from, created_at, updated_at) VALUES (?, 'TOMB_SWEEPING', false, "
                + "'{1,2,3,4,5,6,7}', '08:00', '10:00', 60, 20, '2026-01-01', now(), now())", gate);

        LocalDate today = LocalDate.now(clock);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(query(db,
                "SELECT count(*) AS slots, min(day) AS first, max(day) AS last FROM slot WHERE service_point_id = ?", gate)
                .get(0)).containsEntry("slots", 2L * 16)
                .containsEntry("first", java.sql.Date.valueOf(today))
                .containsEntry("last", java.sql.Date.valueOf(today.plusDays(15))));
    }
}
