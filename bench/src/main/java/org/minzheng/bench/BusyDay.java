package org.minzheng.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Scenario 3, a busy day at the counters: at a steady rate for a few minutes, residents read availability and their
 * inbox, book, cancel and join waitlists of full windows, while counter staff check in today's bookings. Three
 * offices; today's windows (for the check-ins) and the next three days' (for the rest), one window a day full.
 */
final class BusyDay extends LoadScenario {

    private static final int OFFICES = 3;
    private static final int DAYS = 3;
    private static final int WINDOWS = 18;
    private static final int CAPACITY = 30;
    private static final int TODAY_CAPACITY = 20;

    /** The mix, in arrivals of a hundred. */
    private enum Kind {
        READ(40), INBOX(20), BOOK(15), CANCEL(7), WAIT(8), CHECK_IN(10);

        final int share;

        Kind(int share) {
            this.share = share;
        }

        static Kind draw() {
            int u = ThreadLocalRandom.current().nextInt(100);
            for (Kind k : values()) {
                if ((u -= k.share) < 0) {
                    return k;
                }
            }
            return READ;
        }
    }

    static final Set<String> CORRECT = Set.of("read 200", "inbox 200", "book 201", "book SLOT_FULL", "book ALREADY_BOOKED",
            "cancel 200", "wait 201", "wait SLOT_AVAILABLE", "wait ALREADY_WAITING", "wait ALREADY_BOOKED", "check-in 200");

    record Settings(int residents, double perSecond, Duration duration) {
    }

    /** A booking the bench holds: whose, which, at which point, and its pass. */
    private record Held(Residents.Resident resident, long id, long point, String pass) {
    }

    private final Settings settings;
    private final List<String> lists = new ArrayList<>();
    private final List<Long> open = new ArrayList<>();
    private final List<Long> full = new ArrayList<>();
    private final ConcurrentLinkedQueue<Residents.Resident> free = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Held> booked = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Held> today = new ConcurrentLinkedQueue<>();
    private List<Residents.Resident> residents;
    /** The counter clerk of the three offices, who checks residents in. */
    private String clerk;

    BusyDay(Context context, Settings settings) {
        super("busy", "Busy day", context);
        this.settings = settings;
    }

    @Override
    public void prepare() throws Exception {
        Api backend = context.backend();
        LocalDate now = LocalDate.now(FlashRelease.BUREAU);
        // today's windows still to come, every half hour to 23:30, so staff have bookings to check in at any hour
        LocalTime next = ZonedDateTime.now(FlashRelease.BUREAU).toLocalTime().plusMinutes(60).withMinute(0).withSecond(0).withNano(0);
        int todayWindows = next.isBefore(LocalTime.of(1, 0)) ? 0 : (int) Duration.between(next, LocalTime.of(23, 30)).toMinutes() / 30;
        List<Long> todaySlots = new ArrayList<>();
        for (int o = 0; o < OFFICES; o++) {
            long point = Supply.point(backend, context.admin(), "南山区民政局 办事大厅 " + (o + 1) + " " + context.runId());
            points.add(point);
            for (int d = 1; d <= DAYS; d++) {
                List<Long> slots = Supply.day(backend, context.admin(), point, now.plusDays(d), LocalTime.of(8, 0), WINDOWS,
                        CAPACITY, null, null);
                full.add(slots.get(0));
                open.addAll(slots.subList(1, slots.size()));
                lists.add(Supply.slotList(point, now.plusDays(d)));
            }
            if (todayWindows > 0) {
                todaySlots.addAll(Supply.day(backend, context.admin(), point, now, next, todayWindows, TODAY_CAPACITY, null, null));
            }
        }
        clerk = clerk(backend, "busy-clerk-" + context.runId());
        residents = Residents.signUp(backend, context.sim(), settings.residents(), context.runId());
        // enough of today's bookings for the phases' check-ins; the full windows filled; everyone else free to book
        int checkIns = (int) Math.min(todaySlots.size() * TODAY_CAPACITY, Math.min(residents.size() / 2,
                1.5 * Kind.CHECK_IN.share / 100.0 * settings.perSecond() * settings.duration().toNanos() / 1e9));
        int filling = full.size() * CAPACITY;
        if (checkIns + filling > residents.size()) {
            throw new IllegalStateException("a busy day needs at least " + (checkIns + filling) + " residents");
        }
        List<CompletableFuture<?>> made = new ArrayList<>();
        Semaphore inFlight = new Semaphore(32);
        for (int i = 0; i < checkIns; i++) {
            made.add(prebook(residents.get(i), todaySlots.get(i % todaySlots.size()), today, inFlight));
        }
        for (int i = 0; i < filling; i++) {
            made.add(prebook(residents.get(checkIns + i), full.get(i / CAPACITY), booked, inFlight));
        }
        CompletableFuture.allOf(made.toArray(CompletableFuture[]::new)).join();
        free.addAll(residents.subList(checkIns + filling, residents.size()));
        free.addAll(residents.subList(0, checkIns));
    }

    /** A counter clerk of the run's offices, made by the administrator, signed in. */
    private String clerk(Api backend, String username) {
        byte[] secret = new byte[12];
        new java.security.SecureRandom().nextBytes(secret);
        String password = java.util.HexFormat.of().formatHex(secret);
        backend.post("/api/v1/admin/staff", context.admin(), Map.of("username", username, "displayName", "窗口 " + username,
                "password", password, "scope", Map.of("roles", List.of("COUNTER"), "servicePointIds", points,
                        "streetCodes", List.of()))).expect(201);
        return backend.post("/api/v1/auth/staff/login", null, Map.of("username", username, "password", password)).expect(200)
                .body().path("accessToken").asText();
    }

    private CompletableFuture<?> prebook(Residents.Resident r, long slot, ConcurrentLinkedQueue<Held> into, Semaphore inFlight) {
        inFlight.acquireUninterruptibly();
        return context.backend().send("POST", "/api/v1/me/bookings", r.token(), Map.of("slotId", slot), "busy-pre-" + r.id())
                .thenAccept(answer -> into.add(held(r, answer.expect(201))))
                .whenComplete((ignored, failure) -> inFlight.release());
    }

    private Held held(Residents.Resident r, Api.Answer answer) {
        long id = answer.body().path("id").asLong();
        ledger.booked(id);
        return new Held(r, id, answer.body().path("servicePointId").asLong(), answer.body().path("qrPayload").asText());
    }

    @Override
    public double saturatingRate() {
        return settings.perSecond();
    }

    @Override
    public Phase run(String label, double perSecond) {
        int arrivals = (int) Math.round(perSecond * settings.duration().toNanos() / 1e9);
        Map<String, String> setup = new LinkedHashMap<>();
        setup.put("offices × days × windows", OFFICES + " × " + DAYS + " × " + WINDOWS + " of " + CAPACITY
                + " (the first of each day full), and today's remaining windows of " + TODAY_CAPACITY);
        setup.put("residents", Integer.toString(residents.size()));
        StringBuilder mix = new StringBuilder();
        for (Kind k : Kind.values()) {
            mix.append(mix.length() == 0 ? "" : ", ").append(k.share).append("% ").append(k.name().toLowerCase().replace('_', '-'));
        }
        setup.put("mix (an arrival whose kind has nobody left to do it reads availability instead)", mix.toString());
        setup.put("arrivals", arrivals + " over " + settings.duration().toSeconds() + " s");
        return Scenario.measure(context, label, arrivals, settings.duration(), CORRECT, "book 201", setup,
                load -> (i, intended) -> arrive(load, intended, Kind.draw()));
    }

    private CompletableFuture<?> arrive(LoadResult load, long intended, Kind kind) {
        Api api = context.backend();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        switch (kind) {
            case INBOX -> {
                Residents.Resident r = residents.get(random.nextInt(residents.size()));
                return OpenLoop.timed(api.getAsync("/api/v1/me/messages", r.token()), load, intended, "inbox");
            }
            case BOOK -> {
                Residents.Resident r = free.poll();
                if (r != null) {
                    long slot = open.get(random.nextInt(open.size()));
                    return OpenLoop.timed(api.send("POST", "/api/v1/me/bookings", r.token(), Map.of("slotId", slot),
                            "busy-" + intended + "-" + r.id()), load, intended, "book").thenAccept(answer -> {
                                if (answer.status() == 201) {
                                    booked.add(held(r, answer));
                                } else {
                                    if (OpenLoop.undecided(answer)) {
                                        ledger.unanswered(r.id(), slot);
                                    }
                                    free.add(r);
                                }
                            });
                }
            }
            case CANCEL -> {
                Held b = booked.poll();
                if (b != null) {
                    return OpenLoop.timed(api.send("POST", "/api/v1/me/bookings/" + b.id() + "/cancel", b.resident().token(), null),
                            load, intended, "cancel").thenAccept(answer -> {
                                if (answer.status() == 200) {
                                    ledger.left(b.id(), "CANCELLED");
                                    free.add(b.resident());
                                } else if (OpenLoop.undecided(answer)) {
                                    ledger.unanswered(b.id());
                                } else {
                                    booked.add(b);
                                }
                            });
                }
            }
            case WAIT -> {
                Residents.Resident r = free.poll();
                if (r != null) {
                    long slot = full.get(random.nextInt(full.size()));
                    return OpenLoop.timed(api.send("POST", "/api/v1/me/waitlist", r.token(), Map.of("slotId", slot)), load,
                            intended, "wait").whenComplete((answer, failure) -> free.add(r));
                }
            }
            case CHECK_IN -> {
                Held b = today.poll();
                if (b != null) {
                    return OpenLoop.timed(api.send("POST", "/api/v1/staff/check-ins", clerk, Map.of("servicePointId",
                            b.point(), "code", b.pass())), load, intended, "check-in").thenAccept(answer -> {
                                if (answer.status() == 200) {
                                    ledger.left(b.id(), "CHECKED_IN");
                                } else if (OpenLoop.undecided(answer)) {
                                    ledger.unanswered(b.id());
                                } else {
                                    today.add(b);
                                }
                            });
                }
            }
            default -> {
                // READ, and any kind with nobody left to do it
            }
        }
        return OpenLoop.timed(api.getAsync(lists.get(random.nextInt(lists.size())), null), load, intended, "read");
    }

    /** The issue sets no ratio for a busy day: its target is the p99 at half the saturation rate. */
    @Override
    public List<Ratio> ratios(Phase saturating, Ceilings ceilings) {
        return List.of();
    }
}
