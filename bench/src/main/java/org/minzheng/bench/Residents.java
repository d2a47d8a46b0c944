package org.minzheng.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Residents signed in through WeChat (wechat-sim) with a verified real name, made through the real API before the clock starts. */
final class Residents {

    record Resident(long id, String token, String idNumber) {
    }

    /** The fictional name every bench resident verifies with. */
    static final String NAME = "测试居民";

    /** Each resident of a run a WeChat user and an ID number of their own, whichever scenario asks. */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();

    private Residents() {
    }

    static List<Resident> signUp(Api backend, Api sim, int count, String runId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Resident>> made = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int n = NEXT.getAndIncrement();
                made.add(pool.submit(() -> {
                    try {
                        return one(backend, sim, n, runId);
                    } catch (RuntimeException e) {
                        // setup, not measurement: one more try, said aloud, so a hiccup does not lose a long run
                        System.err.println("sign-up of resident " + n + " failed, trying again: " + e.getMessage());
                        return one(backend, sim, n, runId);
                    }
                }));
            }
            List<Resident> residents = new ArrayList<>(count);
            for (Future<Resident> f : made) {
                residents.add(f.get());
            }
            return residents;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Resident one(Api backend, Api sim, int n, String runId) {
        Api.Answer login = sim.post("/sim/wx-login", null, Map.of("name", "bench-" + runId + "-" + n)).expect(200);
        String code = login.body().path("code").asText();
        if (code.isEmpty()) {
            throw new IllegalStateException("wechat-sim gave no code: " + login.body());
        }
        String token = backend.post("/api/v1/auth/wechat", null, Map.of("code", code)).expect(200).body()
                .path("accessToken").asText();
        String idNumber = FictionalIds.nth(n);
        backend.put("/api/v1/me/identity", token, Map.of("name", NAME, "idNumber", idNumber)).expect(200);
        long id = backend.get("/api/v1/me", token).expect(200).body().path("id").asLong();
        return new Resident(id, token, idNumber);
    }
}
