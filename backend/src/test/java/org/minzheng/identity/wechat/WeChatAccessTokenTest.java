package org.minzheng.identity.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.WeChatSim;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** One WeChat access token shared through Redis: fetched once, however many requests need it at once. */
@QuarkusTest
class WeChatAccessTokenTest {

    @Inject
    RedisDataSource redis;

    private static int bindPhone(Logins.Session s, String phone) {
        return s.as().contentType(ContentType.JSON).body(Map.of("code", WeChatSim.phoneCode(phone)))
                .post("/api/v1/me/phone").then().extract().statusCode();
    }

    @Test
    void concurrentRequestsWithAnEmptyCacheFetchTheTokenOnce() throws Exception {
        List<Logins.Session> residents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            residents.add(Logins.newResident());
        }
        redis.key().del("wechat:access-token:wx-dev-minzheng");
        int before = WeChatSim.calls("stable_token");

        ExecutorService pool = Executors.newFixedThreadPool(residents.size());
        try {
            List<Callable<Integer>> binds = new ArrayList<>();
            for (int i = 0; i < residents.size(); i++) {
                Logins.Session s = residents.get(i);
                String phone = "1370000000" + i;
                binds.add(() -> bindPhone(s, phone));
            }
            for (Future<Integer> f : pool.invokeAll(binds)) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(WeChatSim.calls("stable_token") - before).isEqualTo(1);

        // and later requests reuse it
        bindPhone(residents.get(0), "13600000000");
        assertThat(WeChatSim.calls("stable_token") - before).isEqualTo(1);
    }
}
