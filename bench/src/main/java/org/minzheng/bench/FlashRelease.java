package org.minzheng.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scenario 1, the flash release: the windows of one peak day open at an instant; residents arrive at a fixed
 * rate over a few seconds (open model), each books a window drawn Zipf-skewed towards the popular ones and,
 * on {@code SLOT_FULL}, tries the next window once.
 */
final class FlashRelease {

    static final String SERVICE = "CERTIFICATE_REPLACEMENT";
    static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");
    private static final int DAYS_AHEAD = 3;
    private static final int WARM_UP_BOOKINGS = 2000;

    record Settings(int residents, int windows, int capacity, Duration arrivals, double zipfExponent) {
        double offeredPerSecond() {
            return residents / (arrivals.toNanos() / 1e9);
        }
    }

    record Run(Settings settings, long pointId, LocalDate day, List<Long> slots, LoadResult load) {
    }

    private FlashRelease() {
    }

    static Run run(Api backend, Api sim, Settings settings, String runId) throws Exception {
        String admin = backend.post("/api/v1/auth/staff/login", null, Map.of("username", "admin", "password",
                "test-admin-password")).expect(200).body().path("accessToken").asText();
        List<Residents.Resident> residents = Residents.signUp(backend, sim, settings.residents(), runId);

        warmUp(backend, admin, residents, runId);

        long point = point(backend, admin, "南山区婚姻登记处 " + runId);
        // the peak day's windows open a few seconds from now: residents wait for the instant, as on the phone
        ZonedDateTime release = ZonedDateTime.now(BUREAU).plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        LocalDate day = release.toLocalDate().plusDays(DAYS_AHEAD);
        LocalTime opens = LocalTime.of(8, 0);
        backend.post("/api/v1/admin/service-points/" + point + "/schedules", admin, Map.ofEntries(
                Map.entry("serviceType", SERVICE), Map.entry("workdaysOnly", false),
                Map.entry("weekdays", List.of(1, 2, 3, 4, 5, 6, 7)), Map.entry("startsAt", opens.toString()),
                Map.entry("endsAt", opens.plusMinutes(30L * settings.windows()).toString()), Map.entry("slotMinutes", 30),
                Map.entry("capacity", settings.capacity()), Map.entry("releaseDaysBefore", DAYS_AHEAD),
                Map.entry("releaseTime", release.toLocalTime().toString()), Map.entry("validFrom", day.toString()),
                Map.entry("validTo", day.toString())))
                .expect(201);
        List<Long> slots = new ArrayList<>();
        for (JsonNode slot : backend.get("/api/v1/service-points/" + point + "/slots?serviceType=" + SERVICE + "&from=" + day
                + "&to=" + day, null).expect(200).body()) {
            slots.add(slot.path("id").asLong());
        }
        if (slots.size() != settings.windows()) {
            throw new IllegalStateException("expected " + settings.windows() + " windows, found " + slots.size());
        }

        long wait = Duration.between(ZonedDateTime.now(BUREAU), release).toNanos();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        LoadResult load = new LoadResult();
        double[] popularity = zipf(settings.windows(), settings.zipfExponent());
        OpenLoop.run(settings.residents(), settings.arrivals(), load, (i, intended) -> {
            Residents.Resident r = residents.get(i);
            int window = draw(popularity);
            return book(backend, load, r, slots.get(window), intended, runId + "-" + r.id() + "-1").thenCompose(code ->
                    !"SLOT_FULL".equals(code) ? CompletableFuture.completedFuture(code)
                            : book(backend, load, r, slots.get((window + 1) % slots.size()), System.nanoTime(),
                                    runId + "-" + r.id() + "-2"));
        });
        return new Run(settings, point, day, slots, load);
    }

    private static long point(Api backend, String admin, String name) {
        return backend.post("/api/v1/admin/service-points", admin, Map.of("kind", "OFFICE", "name", name,
                "streetCode", "NANSHAN", "address", "深圳市南山区常兴路163号", "serviceTypes", List.of(SERVICE)))
                .expect(201).body().path("id").asLong();
    }

    /**
     * The JIT compiles the booking path before the clock starts, as in a server that has been up for a while:
     * residents book a slot of another office, unmeasured, and cancel, so the peak day's limits are untouched.
     */
    private static void warmUp(Api backend, String admin, List<Residents.Resident> residents, String runId) {
        List<Residents.Resident> some = residents.subList(0, Math.min(residents.size(), WARM_UP_BOOKINGS));
        long point = point(backend, admin, "热身 " + runId);
        LocalDate day = LocalDate.now(BUREAU).plusDays(1);
        backend.post("/api/v1/admin/service-points/" + point + "/schedules", admin, Map.of("serviceType", SERVICE,
                "workdaysOnly", false, "weekdays", List.of(1, 2, 3, 4, 5, 6, 7), "startsAt", "08:00", "endsAt", "08:30",
                "slotMinutes", 30, "capacity", some.size(), "validFrom", day.toString(), "validTo", day.toString()))
                .expect(201);
        long slot = backend.get("/api/v1/service-points/" + point + "/slots?serviceType=" + SERVICE + "&from=" + day
                + "&to=" + day, null).expect(200).body().path(0).path("id").asLong();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(32);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (Residents.Resident r : some) {
            inFlight.acquireUninterruptibly();
            all.add(backend.send("POST", "/api/v1/me/bookings", r.token(), Map.of("slotId", slot), "warm-" + runId + "-" + r.id())
                    .thenCompose(booked -> backend.send("POST", "/api/v1/me/bookings/" + booked.body().path("id").asLong()
                            + "/cancel", r.token(), null))
                    .whenComplete((answer, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** One booking; answers its outcome (the problem's code, or 201). */
    private static CompletableFuture<String> book(Api backend, LoadResult load, Residents.Resident r, long slot,
            long intended, String idempotencyKey) {
        return OpenLoop.timed(backend.send("POST", "/api/v1/me/bookings", r.token(), Map.of("slotId", slot), idempotencyKey),
                load, intended);
    }

    /** Cumulative Zipf weights of {@code n} windows: the first the most popular. */
    static double[] zipf(int n, double exponent) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        return cumulative;
    }

    static int draw(double[] cumulative) {
        double u = ThreadLocalRandom.current().nextDouble();
        for (int k = 0; k < cumulative.length; k++) {
            if (u < cumulative[k]) {
                return k;
            }
        }
        return cumulative.length - 1;
    }
}
