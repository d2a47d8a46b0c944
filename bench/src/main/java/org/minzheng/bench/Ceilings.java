package org.minzheng.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this machine does at best, measured in the same run as a scenario, which is then quoted as a ratio of
 * them (issue 13): the backend's answers per second to a request that costs nothing ({@code GET /api/v1/ping}
 * through wrk, or the bench's own client where wrk is missing), the booking gate's Lua script in Redis ({@code redis-benchmark}), and the
 * booking transaction in PostgreSQL ({@code pgbench} running its statements) on one hot slot and on many slots.
 */
record Ceilings(double httpPerSecond, double redisGatePerSecond, double pgHotSlotPerSecond, double pgManySlotsPerSecond,
        String notes) {

    /** Requests kept in flight; the best is kept. */
    private static final int[] IN_FLIGHT = { 64, 128, 256 };
    private static final int REDIS_CLIENTS = 50;
    private static final int REDIS_WARM_UP = 20_000;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** pgbench clients: the cores, twice the cores, and the backend's reactive pool (20); the best is kept. */
    private static final int[] PG_CLIENTS = { CORES, 2 * CORES, 20 };
    private static final int MANY_SLOTS = 200;
    private static final int RESIDENTS = 10_000;
    /** Room for any run: neither the gate's counter nor a slot's capacity runs out, so every call takes the success path. */
    private static final long NEVER_FULL = 1_000_000_000_000_000L;
    private static final int SLOT_CAPACITY = 2_000_000_000;
    /** The bench's own Redis keys: nothing of the backend's starts so. */
    private static final String KEYS = "bench:ceiling:";
    private static final String GATE_SCRIPT = "backend/src/main/resources/lua/slot-reserve.lua";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");

    /** Measures each ceiling for about {@code each} against the running backend and the test PostgreSQL and Redis. */
    static Ceilings measure(Path root, String backendUrl, ProcessHandle backend, Duration each, String runId)
            throws Exception {
        List<String> notes = new ArrayList<>();
        double http = http(new Api(backendUrl), backendUrl, backend, each, notes);
        double gate = redisGate(root, each, runId, notes);
        Map<String, Double> bookings = bookingTransaction(each, runId, notes);
        return new Ceilings(http, gate, bookings.get("hot"), bookings.get("many"), String.join("\n", notes));
    }

    /** Answers per second of a closed loop, and the cores the backend and the bench (its client) used meanwhile. */
    private record Loop(double perSecond, long other, double backendCores, double benchCores) {
    }

    /**
     * The best answers per second of the no-op endpoint over a few numbers of requests in flight: with wrk where it is
     * installed (a client in C, so the backend rather than the client is what runs out), else with the bench's own.
     */
    private static double http(Api api, String backendUrl, ProcessHandle backend, Duration each, List<String> notes)
            throws Exception {
        // both JVMs compile for some twenty seconds before they answer at their best: warm up long enough
        closedLoop(api, backend, IN_FLIGHT[1], each.multipliedBy(4));
        if (installed("wrk")) {
            return wrk(backendUrl, backend, each, notes);
        }
        Loop best = null;
        StringBuilder tried = new StringBuilder();
        for (int inFlight : IN_FLIGHT) {
            Loop loop = closedLoop(api, backend, inFlight, each);
            tried.append(String.format(" %d in flight %.0f/s%s;", inFlight, loop.perSecond(),
                    loop.other() == 0 ? "" : " (" + loop.other() + " not 204)"));
            best = best == null || loop.perSecond() > best.perSecond() ? loop : best;
        }
        notes.add(String.format("HTTP: GET /api/v1/ping with the bench's own client (HTTP/1.1; wrk is not installed), a "
                + "closed loop counted for "
                + "%d ms after a warm-up of %d ms:%s the best kept; meanwhile the backend used %.2f cores and the bench "
                + "%.2f, of %d", each.toMillis(), each.multipliedBy(4).toMillis(), tried, best.backendCores(),
                best.benchCores(), Runtime.getRuntime().availableProcessors()));
        return best.perSecond();
    }

    /**
     * 204s per second with {@code inFlight} requests always outstanding (each answer sends the next), counted after a
     * quarter of {@code length} (connections opened) for {@code length}.
     */
    private static Loop closedLoop(Api api, ProcessHandle backend, int inFlight, Duration length)
            throws InterruptedException {
        long start = System.nanoTime();
        Duration backendCpu = cpu(backend);
        Duration benchCpu = cpu(ProcessHandle.current());
        long from = start + length.toNanos() / 4;
        long until = from + length.toNanos();
        LongAdder answered = new LongAdder();
        LongAdder other = new LongAdder();
        CountDownLatch stopped = new CountDownLatch(inFlight);
        for (int i = 0; i < inFlight; i++) {
            ping(api, from, until, answered, other, stopped);
        }
        stopped.await();
        double elapsed = System.nanoTime() - start;
        double backendCores = cpu(backend).minus(backendCpu).toNanos() / elapsed;
        double benchCores = cpu(ProcessHandle.current()).minus(benchCpu).toNanos() / elapsed;
        return new Loop(answered.sum() / (length.toNanos() / 1e9), other.sum(), backendCores, benchCores);
    }

    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern WRK_NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern WRK_ERRORS = Pattern.compile("Socket errors: .*");

    private static double wrk(String backendUrl, ProcessHandle backend, Duration each, List<String> notes) throws Exception {
        double best = 0;
        StringBuilder tried = new StringBuilder();
        for (int connections : IN_FLIGHT) {
            Duration backendCpu = cpu(backend);
            long start = System.nanoTime();
            String out = run(new ProcessBuilder("wrk", "-t", Integer.toString(Math.min(2, CORES)), "-c",
                    Integer.toString(connections), "-d", seconds(each) + "s", backendUrl + "/api/v1/ping"), each.plusMinutes(1));
            double cores = cpu(backend).minus(backendCpu).toNanos() / (double) (System.nanoTime() - start);
            Matcher rate = WRK_RATE.matcher(out);
            if (!rate.find()) {
                throw new IllegalStateException("wrk gave no rate: " + out);
            }
            Matcher non2xx = WRK_NON_2XX.matcher(out);
            Matcher errors = WRK_ERRORS.matcher(out);
            if (non2xx.find() || errors.find()) {
                throw new IllegalStateException("wrk saw failures, so its rate is no ceiling: " + out);
            }
            double perSecond = Double.parseDouble(rate.group(1));
            tried.append(String.format(" %d connections %.0f/s (the backend using %.2f cores);", connections, perSecond, cores));
            best = Math.max(best, perSecond);
        }
        notes.add(String.format("HTTP: GET /api/v1/ping with wrk (HTTP/1.1, %d threads, keep-alive), %d s each after a "
                + "warm-up of %d ms with the bench's client:%s the best kept, of %d cores", Math.min(2, CORES), seconds(each),
                each.multipliedBy(4).toMillis(), tried, CORES));
        return best;
    }

    static boolean installed(String tool) {
        return java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static void ping(Api api, long from, long until, LongAdder answered, LongAdder other, CountDownLatch stopped) {
        api.getAsync("/api/v1/ping", null).whenComplete((answer, failure) -> {
            long now = System.nanoTime();
            if (now >= from && now < until) {
                (failure == null && answer.status() == 204 ? answered : other).increment();
            }
            if (now < until) {
                ping(api, from, until, answered, other, stopped);
            } else {
                stopped.countDown();
            }
        });
    }

    /**
     * The gate script by SHA with the KEYS and ARGV the backend passes for a one-person booking: the slot's counter
     * (never running out), its parking counter (no parking asked), and a marker for a new person each call.
     */
    private static double redisGate(Path root, Duration each, String runId, List<String> notes) throws Exception {
        String prefix = KEYS + runId + ":";
        String counter = prefix + "slot:remaining";
        String sha = Stores.redisFed(Files.readString(root.resolve(GATE_SCRIPT)), "SCRIPT", "LOAD").get(0).strip();
        // redis-benchmark takes a password on its command line only (-a; it reads no REDISCLI_AUTH), where anyone on
        // the machine may read it: it gets a user of this run's own, with a password made for it, allowed the gate's
        // commands on these keys only, and deleted afterwards. The test Redis' password stays off every command line.
        String user = "bench-ceiling-" + runId;
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        try {
            Stores.redis("SET", counter, Long.toString(NEVER_FULL));
            Stores.redis("SET", prefix + "slot:parking", "0");
            Stores.redisFed(">" + password, "ACL", "SETUSER", user, "reset", "on", "~" + prefix + "*", "+select", "+evalsha",
                    "+get", "+exists", "+decrby", "+set");
            // markers of their own for the warm-up: redis-benchmark may draw the same random numbers in both runs
            java.util.function.Function<String, List<String>> call = markers -> List.of("EVALSHA", sha, "3", counter,
                    prefix + "slot:parking", prefix + markers + ":__rand_int__", "1", "0", "60");
            double warm = redisBenchmark(user, password, REDIS_WARM_UP, call.apply("warm-marker"));
            long requests = Math.max(REDIS_WARM_UP, Math.round(warm * each.toNanos() / 1e9));
            double rate = redisBenchmark(user, password, requests, call.apply("marker"));
            long ok = NEVER_FULL - Long.parseLong(Stores.redis("GET", counter).get(0).strip());
            // redis-benchmark counts an error reply (NOPERM, NOSCRIPT) as a request like any: only the counter tells
            // whether the gate ran. A marker drawn twice (of 2^31) makes that call ALREADY_BOOKED: about n^2 / 2^32 of n
            long calls = requests + REDIS_WARM_UP;
            long collisions = Math.max(10, 3 * Math.round((double) calls * calls / 4294967296.0));
            if (ok < calls - collisions) {
                throw new IllegalStateException("the gate said OK to " + ok + " of " + calls + " calls: no ceiling");
            }
            notes.add(String.format("Redis: redis-benchmark, %d clients, EVALSHA of %s with the backend's KEYS and ARGV "
                    + "(a counter that never runs out, no parking, a new person's marker each call), %d calls after %d "
                    + "to warm up; the gate said OK to %d of %d", REDIS_CLIENTS, GATE_SCRIPT, requests, REDIS_WARM_UP, ok,
                    requests + REDIS_WARM_UP));
            return rate;
        } finally {
            Stores.redis("ACL", "DELUSER", user);
            Stores.redis("EVAL", "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('UNLINK', k) "
                    + "n = n + 1 end return n", "0", prefix + "*");
        }
    }

    private static double redisBenchmark(String user, String password, long requests, List<String> call) throws Exception {
        URI redis = Stores.redisUri();
        List<String> command = new ArrayList<>(List.of("redis-benchmark", "-h", redis.getHost(), "-p",
                Integer.toString(redis.getPort()), "--dbnum", redis.getPath().replace("/", ""), "--user", user, "-a", password,
                "-c", Integer.toString(REDIS_CLIENTS), "-n", Long.toString(requests), "-r", Integer.toString(Integer.MAX_VALUE),
                "--csv"));
        command.addAll(call);
        String out = run(new ProcessBuilder(command), Duration.ofMinutes(5));
        // "test","rps",...: the command's row, then its requests per second
        return out.lines().filter(l -> l.startsWith("\"EVALSHA")).findFirst()
                .map(l -> Double.parseDouble(l.split("\",\"")[1]))
                .orElseThrow(() -> new IllegalStateException("redis-benchmark gave no rate: " + out));
    }

    /**
     * The booking transaction's statements (ceilings/booking-transaction.sql) by pgbench, on rows made for it in the
     * test database and deleted afterwards: on one hot slot ("hot") and on a random one of {@value #MANY_SLOTS}
     * ("many"), transactions per second, the best over {@link #PG_CLIENTS}.
     */
    private static Map<String, Double> bookingTransaction(Duration each, String runId, List<String> notes) throws Exception {
        BookingRows rows = BookingRows.make(runId);
        Path script = Files.createTempFile("booking-transaction", ".sql");
        try {
            try (InputStream sql = Ceilings.class.getResourceAsStream("/ceilings/booking-transaction.sql")) {
                Files.write(script, sql.readAllBytes());
            }
            Map<String, Double> best = new LinkedHashMap<>();
            long transactions = 0;
            for (String variant : List.of("hot", "many")) {
                StringBuilder tried = new StringBuilder();
                for (int clients : PG_CLIENTS) {
                    Map<String, String> vars = Map.of("first_slot", Long.toString(rows.firstSlot()), "slots",
                            "hot".equals(variant) ? "1" : Integer.toString(MANY_SLOTS), "first_resident",
                            Long.toString(rows.firstResident()), "residents", Integer.toString(RESIDENTS), "run",
                            runId + variant.charAt(0) + clients, "n", "0");
                    Pgbench result = pgbench(script, clients, each, vars);
                    transactions += result.transactions();
                    tried.append(String.format(" %d clients %.0f/s;", clients, result.perSecond()));
                    best.merge(variant, result.perSecond(), Math::max);
                }
                notes.add("PostgreSQL, the booking transaction on " + ("hot".equals(variant) ? "one hot slot"
                        : "a random one of " + MANY_SLOTS + " slots") + ": pgbench -M prepared -T " + seconds(each)
                        + ":" + tried + " the best kept");
            }
            notes.add("PostgreSQL: " + rows.written(transactions));
            return best;
        } finally {
            Files.deleteIfExists(script);
            rows.delete();
        }
    }

    /** A service point, its slots and verified residents, made in the test database for the booking transaction. */
    private record BookingRows(long point, long firstSlot, long firstResident, String openids) {

        static BookingRows make(String runId) {
            long point = Long.parseLong(Stores.sql("INSERT INTO service_point (kind, name, street_code, address, "
                    + "service_types, created_at, updated_at) VALUES ('OFFICE', 'bench ceiling " + runId + "', 'NANSHAN', "
                    + "'深圳市南山区 (bench)', '{" + Supply.SERVICE + "}', now(), now()) RETURNING id").get(0));
            String openids = "bench-ceiling-" + runId + "-";
            try {
                // ten days of twenty windows; the first is the hot one
                long firstSlot = contiguous("slot", Stores.sql("WITH made AS (INSERT INTO slot (service_point_id, "
                        + "service_type, day, starts_at, ends_at, capacity) SELECT " + point + ", '" + Supply.SERVICE
                        + "', current_date + 3 + i / 20, time '08:00' + (i % 20) * interval '30 minutes', time '08:30' + "
                        + "(i % 20) * interval '30 minutes', " + SLOT_CAPACITY + " FROM generate_series(0, " + (MANY_SLOTS - 1)
                        + ") i RETURNING id) SELECT min(id), max(id), count(*) FROM made"));
                // sealed fields of their real sizes: name 45, ID number 51, blind index 32 bytes
                long firstResident = contiguous("resident", Stores.sql("WITH made AS (INSERT INTO resident (openid, "
                        + "name_enc, id_number_enc, id_number_index, birth_date, sex, identity_verified_at, created_at, "
                        + "last_login_at) SELECT '" + openids + "' || i, decode(repeat('5a', 45), 'hex'), "
                        + "decode(repeat('5b', 51), 'hex'), sha256(convert_to('" + openids + "' || i, 'UTF8')), "
                        + "date '1960-01-01' + i % 15000, 'MALE', now(), now(), now() FROM generate_series(0, "
                        + (RESIDENTS - 1) + ") i RETURNING id) SELECT min(id), max(id), count(*) FROM made"));
                return new BookingRows(point, firstSlot, firstResident, openids);
            } catch (RuntimeException e) {
                new BookingRows(point, 0, 0, openids).delete();
                throw e;
            }
        }

        /** What the transactions wrote; each must have written what one successful booking writes, or it is no ceiling. */
        String written(long transactions) {
            String[] counts = Stores.sql("WITH mine AS (SELECT id, 'booking:' || id || ':CONFIRMED' AS dedup FROM booking "
                    + "WHERE service_point_id = " + point + " AND status = 'CONFIRMED') "
                    + "SELECT (SELECT sum(booked) FROM slot WHERE service_point_id = " + point + "), (SELECT count(*) FROM mine), "
                    + "(SELECT count(*) FROM booking_person WHERE booking_id IN (SELECT id FROM mine)), "
                    + "(SELECT count(*) FROM outbox WHERE dedup_key IN (SELECT dedup FROM mine)), "
                    + "(SELECT count(*) FROM inbox_message WHERE dedup_key IN (SELECT dedup FROM mine)), "
                    + "(SELECT count(*) FROM idempotency_key WHERE actor IN (" + actors() + ") "
                    + "AND response ->> 'id' IN (SELECT CAST(id AS text) FROM mine))").get(0).split("\\|");
            String written = String.format("%d transactions committed: %s units taken, %s bookings, %s people, %s outbox "
                    + "rows, %s inbox messages, %s idempotency answers", transactions, counts[0], counts[1], counts[2],
                    counts[3], counts[4], counts[5]);
            if (!Arrays.stream(counts).allMatch(Long.toString(transactions)::equals)) {
                throw new IllegalStateException("the booking transaction did not take its success path every time: " + written);
            }
            return written;
        }

        void delete() {
            String residents = "SELECT id FROM resident WHERE openid LIKE '" + openids + "%'";
            String bookings = "SELECT id FROM booking WHERE service_point_id = " + point;
            Stores.update("DELETE FROM inbox_message WHERE resident_id IN (" + residents + ")");
            Stores.update("DELETE FROM outbox WHERE resident_id IN (" + residents + ")");
            Stores.update("DELETE FROM idempotency_key WHERE actor IN (" + actors() + ")");
            Stores.update("DELETE FROM booking_person WHERE booking_id IN (" + bookings + ")");
            Stores.update("DELETE FROM booking WHERE service_point_id = " + point);
            Stores.update("DELETE FROM slot WHERE service_point_id = " + point);
            Stores.update("DELETE FROM resident WHERE openid LIKE '" + openids + "%'");
            Stores.update("DELETE FROM service_point WHERE id = " + point);
        }

        /** The residents' idempotency actors. */
        private String actors() {
            return "SELECT 'resident:' || id FROM resident WHERE openid LIKE '" + openids + "%'";
        }
    }

    /** The first id of rows made at once, which the script addresses as first + offset: so they must be contiguous. */
    private static long contiguous(String what, List<String> minMaxCount) {
        String[] r = minMaxCount.get(0).split("\\|");
        long first = Long.parseLong(r[0]);
        if (Long.parseLong(r[1]) - first + 1 != Long.parseLong(r[2])) {
            throw new IllegalStateException(what + " ids are not contiguous (something else inserted meanwhile): " + r[0]
                    + ".." + r[1] + " for " + r[2]);
        }
        return first;
    }

    private record Pgbench(double perSecond, long transactions) {
    }

    private static Pgbench pgbench(Path script, int clients, Duration each, Map<String, String> vars) throws Exception {
        URI db = URI.create(Stores.env("_TEST_QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", db.getHost(), "-p", Integer.toString(db.getPort()),
                "-U", Stores.env("QUARKUS_DATASOURCE_USERNAME"), "-n", "-M", "prepared", "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, CORES)), "-T", Long.toString(seconds(each))));
        vars.forEach((name, value) -> command.addAll(List.of("-D", name + "=" + value)));
        command.addAll(List.of("-f", script.toString(), db.getPath().substring(1)));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PGPASSWORD", Stores.env("QUARKUS_DATASOURCE_PASSWORD"));
        String out = run(builder, each.plusMinutes(2));
        Matcher tps = TPS.matcher(out);
        Matcher processed = PROCESSED.matcher(out);
        if (!tps.find() || !processed.find() || out.contains("aborted")) {
            throw new IllegalStateException("pgbench failed: " + out);
        }
        return new Pgbench(Double.parseDouble(tps.group(1)), Long.parseLong(processed.group(1)));
    }

    /** pgbench counts whole seconds. */
    private static long seconds(Duration each) {
        return Math.max(1, Math.round(each.toMillis() / 1000.0));
    }

    /** Runs a tool to its end, at most {@code limit}; stdout and stderr together. Fails on a non-zero exit. */
    private static String run(ProcessBuilder builder, Duration limit) throws IOException, InterruptedException {
        Path output = Files.createTempFile("ceiling", ".out");
        Process p = null;
        try {
            p = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(builder.command().get(0) + " did not end within " + limit);
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(builder.command().get(0) + " exited " + p.exitValue() + ": " + out);
            }
            return out;
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(output);
        }
    }
}
