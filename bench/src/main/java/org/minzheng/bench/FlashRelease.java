package org.minzheng.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 1, the flash release: the windows of one peak day open at an instant; residents arrive at a fixed
 * rate over a few seconds (open model), each books a window drawn Zipf-skewed towards the popular ones and,
 * on {@code SLOT_FULL}, tries the next window once. Each phase is a release of its own (a point of its own), so the
 * same residents may book again.
 */
final class FlashRelease extends LoadScenario {

    static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");
    private static final int DAYS_AHEAD = 3;
    private static final int WARM_UP_BOOKINGS = 2000;
    private static final double ZIPF_EXPONENT = 1.1;
    /** The answers a flash release should give: a booking, or the window is full. */
    static final Set<String> CORRECT = Set.of("201", "SLOT_FULL");

    record Settings(int residents, int windows, int capacity, Duration arrivals) {
        double offeredPerSecond() {
            return residents / (arrivals.toNanos() / 1e9);
        }
    }

    private final Settings settings;
    private List<Residents.Resident> residents;

    FlashRelease(Context context, Settings settings) {
        super("flash", "Flash release", context);
        this.settings = settings;
    }

    @Override
    public void prepare() throws Exception {
        residents = Residents.signUp(context.backend(), context.sim(), settings.residents(), context.runId());
        warmUp();
    }

    @Override
    public double saturatingRate() {
        return settings.offeredPerSecond();
    }

    @Override
    public Phase run(String label, double perSecond) {
        Api backend = context.backend();
        int arrivals = (int) Math.min(residents.size(), Math.round(perSecond * settings.arrivals().toNanos() / 1e9));
        long point = Supply.point(backend, context.admin(), "南山区婚姻登记处 " + label + " " + context.runId());
        points.add(point);
        // the peak day's windows open a few seconds from now: residents wait for the instant, as on the phone
        ZonedDateTime release = ZonedDateTime.now(BUREAU).plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        LocalDate day = release.toLocalDate().plusDays(DAYS_AHEAD);
        // as many places for each arrival as the settings give, so a phase at a lower rate answers the same mix of
        // bookings and SLOT_FULL (a booking costs the backend several times a refusal)
        int capacity = (int) Math.max(1, Math.round((double) settings.capacity() * arrivals / settings.residents()));
        List<Long> slots = Supply.day(backend, context.admin(), point, day, LocalTime.of(8, 0), settings.windows(),
                capacity, DAYS_AHEAD, release.toLocalTime());
        long now;
        while ((now = System.currentTimeMillis()) < release.toInstant().toEpochMilli()) {
            LockSupport.parkNanos((release.toInstant().toEpochMilli() - now) * 1_000_000L);
        }
        double[] popularity = zipf(settings.windows(), ZIPF_EXPONENT);
        Map<String, String> setup = new LinkedHashMap<>();
        setup.put("residents arriving (each books once, and on SLOT_FULL tries the next window once)", Integer.toString(arrivals));
        setup.put("windows × capacity", settings.windows() + " × " + capacity + " = " + settings.windows() * capacity);
        setup.put("arrivals", "over " + settings.arrivals().toMillis() + " ms from the release, Zipf exponent " + ZIPF_EXPONENT);
        return Scenario.measure(context, label, arrivals, settings.arrivals(), CORRECT, "201", setup, load -> (i, intended) -> {
            Residents.Resident r = residents.get(i);
            int window = draw(popularity);
            return book(load, r, slots.get(window), intended, label + "-" + r.id() + "-1").thenCompose(outcome -> {
                if (!"SLOT_FULL".equals(outcome)) {
                    return CompletableFuture.completedFuture(outcome);
                }
                load.retried();
                return book(load, r, slots.get((window + 1) % slots.size()), System.nanoTime(), label + "-" + r.id() + "-2");
            });
        });
    }

    @Override
    public List<Ratio> ratios(Phase saturating, Ceilings c) {
        double places = Math.min(settings.windows() * settings.capacity(), settings.residents());
        double seconds = settings.arrivals().toNanos() / 1e9;
        double offeredAnswers = 2 * saturating.offeredPerSecond();
        return List.of(
                new Ratio("answered correctly (201, SLOT_FULL)/s ÷ HTTP ceiling", saturating.correctPerSecond() / c.httpPerSecond(),
                        0.5, offeredAnswers < 0.5 * c.httpPerSecond() ? String.format("the run offered at most %.0f answers/s "
                                + "(first attempts and retries)", offeredAnswers) : null),
                new Ratio("successful bookings/s ÷ PostgreSQL hot-slot ceiling",
                        saturating.load().perSecond(Set.of("201")) / c.pgHotSlotPerSecond(), 0.8,
                        places / seconds < 0.8 * c.pgHotSlotPerSecond() ? String.format("%.0f places for arrivals over "
                                + "%.1f s: at most %.0f bookings/s as they arrive", places, seconds, places / seconds) : null));
    }

    /**
     * The JIT compiles the booking path, a full window's refusal included, before the clock starts, as in a server
     * that has been up for a while: residents book a window of another office, unmeasured, and cancel, so the peak
     * day's limits are untouched.
     */
    private void warmUp() {
        Api backend = context.backend();
        List<Residents.Resident> some = residents.subList(0, Math.min(residents.size(), WARM_UP_BOOKINGS));
        long point = Supply.point(backend, context.admin(), "热身 " + context.runId());
        long slot = Supply.day(backend, context.admin(), point, LocalDate.now(BUREAU).plusDays(1), LocalTime.of(8, 0), 1,
                some.size() / 2, null, null).get(0);
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(32);
        List<CompletableFuture<?>> all = new ArrayList<>();
        java.util.concurrent.atomic.LongAdder answered = new java.util.concurrent.atomic.LongAdder();
        for (Residents.Resident r : some) {
            inFlight.acquireUninterruptibly();
            all.add(backend.send("POST", "/api/v1/me/bookings", r.token(), Map.of("slotId", slot), "warm-up-" + r.id())
                    .thenCompose(booked -> {
                        if (CORRECT.contains(OpenLoop.outcome(booked))) {
                            answered.increment();
                        }
                        return booked.status() != 201 ? CompletableFuture.completedFuture(booked)
                                : backend.send("POST", "/api/v1/me/bookings/" + booked.body().path("id").asLong() + "/cancel",
                                        r.token(), null);
                    })
                    .whenComplete((answer, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        if (answered.sum() < some.size()) {
            throw new IllegalStateException("the warm-up's bookings were answered wrongly: " + answered.sum() + " of "
                    + some.size() + " booked or told the window is full");
        }
    }

    /** One booking; answers its outcome (the problem's code, or 201), a 201 written in the ledger. */
    private CompletableFuture<String> book(LoadResult load, Residents.Resident r, long slot, long intended, String key) {
        return OpenLoop.timed(context.backend().send("POST", "/api/v1/me/bookings", r.token(), Map.of("slotId", slot), key),
                load, intended).thenApply(answer -> {
                    if (answer.status() == 201) {
                        ledger.booked(answer.body().path("id").asLong());
                    } else if (OpenLoop.undecided(answer)) {
                        ledger.unanswered(r.id(), slot);
                    }
                    return OpenLoop.outcome(answer);
                });
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
