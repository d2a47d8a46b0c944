package org.minzheng.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scenario 2, the availability storm: residents refreshing the slot list of a popular day, half of its windows
 * already full, at a fixed offered rate. The list is public (the mini-program shows it before sign-in), so the
 * requests carry no token, as the phone's first screen sends them.
 */
final class AvailabilityStorm extends LoadScenario {

    private static final int WINDOWS = 20;
    private static final int CAPACITY = 50;
    private static final Set<String> CORRECT = Set.of("200");

    record Settings(double perSecond, Duration duration) {
    }

    private final Settings settings;
    private String list;

    AvailabilityStorm(Context context, Settings settings) {
        super("storm", "Availability storm", context);
        this.settings = settings;
    }

    /** A popular day: its first windows booked full by residents, so the list carries both full and open windows. */
    @Override
    public void prepare() throws Exception {
        Api backend = context.backend();
        long point = Supply.point(backend, context.admin(), "南山区婚姻登记处 刷新 " + context.runId());
        points.add(point);
        LocalDate day = LocalDate.now(FlashRelease.BUREAU).plusDays(3);
        List<Long> slots = Supply.day(backend, context.admin(), point, day, LocalTime.of(8, 0), WINDOWS, CAPACITY, null, null);
        List<Residents.Resident> residents = Residents.signUp(backend, context.sim(), WINDOWS / 2 * CAPACITY, context.runId());
        for (int i = 0; i < residents.size(); i++) {
            Residents.Resident r = residents.get(i);
            long id = backend.send("POST", "/api/v1/me/bookings", r.token(), Map.of("slotId", slots.get(i / CAPACITY)),
                    "storm-" + r.id()).join().expect(201).body().path("id").asLong();
            ledger.booked(id);
        }
        list = Supply.slotList(point, day);
        // the JIT compiles the list's path before the clock, as in a server that has been up for a while
        LoadResult warm = new LoadResult();
        OpenLoop.run((int) Math.min(20_000, settings.perSecond() * 10), Duration.ofSeconds(10), warm,
                (i, intended) -> OpenLoop.timed(backend.getAsync(list, null), warm, intended));
    }

    @Override
    public double saturatingRate() {
        return settings.perSecond();
    }

    @Override
    public Phase run(String label, double perSecond) {
        int requests = (int) Math.round(perSecond * settings.duration().toNanos() / 1e9);
        Map<String, String> setup = new LinkedHashMap<>();
        setup.put("the list", WINDOWS + " windows of " + CAPACITY + ", the first half full (`GET " + list.replaceAll("\\?.*", "")
                + "?serviceType&from&to`, no token)");
        setup.put("requests", requests + " over " + settings.duration().toMillis() + " ms");
        return Scenario.measure(context, label, requests, settings.duration(), CORRECT, "200", setup,
                load -> (i, intended) -> OpenLoop.timed(context.backend().getAsync(list, null), load, intended));
    }

    @Override
    public List<Ratio> ratios(Phase saturating, Ceilings c) {
        return List.of(new Ratio("slot lists answered/s ÷ HTTP ceiling", saturating.correctPerSecond() / c.httpPerSecond(),
                0.7, saturating.offeredPerSecond() < 0.7 * c.httpPerSecond()
                        ? String.format("the run offered %.0f requests/s", saturating.offeredPerSecond()) : null));
    }
}
