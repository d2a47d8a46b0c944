package org.minzheng.bench;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Service points, their schedules and slots, made by an administrator through the real API, as the bureau makes them. */
final class Supply {

    static final String SERVICE = "CERTIFICATE_REPLACEMENT";

    private Supply() {
    }

    static String admin(Api backend) {
        return backend.post("/api/v1/auth/staff/login", null, Map.of("username", "admin", "password",
                System.getenv().getOrDefault("BENCH_ADMIN_PASSWORD", "test-admin-password"))).expect(200).body()
                .path("accessToken").asText();
    }

    static long point(Api backend, String admin, String name) {
        return backend.post("/api/v1/admin/service-points", admin, Map.of("kind", "OFFICE", "name", name,
                "streetCode", "NANSHAN", "address", "深圳市南山区常兴路163号", "serviceTypes", List.of(SERVICE)))
                .expect(201).body().path("id").asLong();
    }

    /**
     * A day's {@code windows} windows of 30 minutes from {@code opens}, {@code capacity} each; released at {@code release}
     * (a time of day, {@code releaseDaysBefore} days ahead) when it is not null. Answers the slots' ids, in order.
     */
    static List<Long> day(Api backend, String admin, long point, LocalDate day, LocalTime opens, int windows, int capacity,
            Integer releaseDaysBefore, LocalTime release) {
        Map<String, Object> schedule = new LinkedHashMap<>(Map.of("serviceType", SERVICE, "workdaysOnly", false,
                "weekdays", List.of(1, 2, 3, 4, 5, 6, 7), "startsAt", opens.toString(),
                "endsAt", opens.plusMinutes(30L * windows).toString(), "slotMinutes", 30, "capacity", capacity,
                "validFrom", day.toString(), "validTo", day.toString()));
        if (release != null) {
            schedule.put("releaseDaysBefore", releaseDaysBefore);
            schedule.put("releaseTime", release.toString());
        }
        backend.post("/api/v1/admin/service-points/" + point + "/schedules", admin, schedule).expect(201);
        List<Long> slots = new ArrayList<>();
        for (JsonNode slot : backend.get(slotList(point, day), null).expect(200).body()) {
            slots.add(slot.path("id").asLong());
        }
        if (slots.size() != windows) {
            throw new IllegalStateException("expected " + windows + " windows on " + day + ", found " + slots.size());
        }
        return slots;
    }

    /** The public list of a point's slots on a day, as the mini-program asks for it. */
    static String slotList(long point, LocalDate day) {
        return "/api/v1/service-points/" + point + "/slots?serviceType=" + SERVICE + "&from=" + day + "&to=" + day;
    }
}
