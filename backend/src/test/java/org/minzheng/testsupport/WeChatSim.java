package org.minzheng.testsupport;

import static io.restassured.RestAssured.given;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.http.ContentType;

/**
 * Runs the real wechat-sim app (built by the wechat-sim module, which Maven builds first) as a separate
 * process for the tests, points the backend's WeChat client at it, and drives its /sim control API.
 */
public class WeChatSim implements QuarkusTestResourceLifecycleManager {

    private static final Path JAR = Path.of("..", "wechat-sim", "target", "quarkus-app", "quarkus-run.jar");
    private static String url;
    private static Process process;

    public static String url() {
        return url;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.rest-client.wechat.url", ensureRunning());
    }

    /** Starts the sim unless it runs; answers its URL (tests that start apps themselves call this). */
    public static synchronized String ensureRunning() {
        if (process == null || !process.isAlive()) {
            launch();
        }
        return url;
    }

    private static void launch() {
        int port = AppProcesses.freePort();
        url = "http://127.0.0.1:" + port;
        File log = Path.of("target", "wechat-sim.log").toFile();
        process = AppProcesses.launch(JAR, "wechat-sim", Map.of("quarkus.http.port", Integer.toString(port),
                "quarkus.http.host", "127.0.0.1"), Map.of(), log);
        AppProcesses.awaitReady(process, url, "wechat-sim", "backend/target/wechat-sim.log");
    }

    @Override
    public void stop() {
        // kept for the whole test JVM: several test profiles restart the backend, the sim can stay
    }

    /** A fresh wx.login code for a (stable) WeChat user. */
    public static String loginCode(String user) {
        return given().baseUri(url).contentType(ContentType.JSON).body(Map.of("name", user))
                .post("/sim/wx-login").then().statusCode(200).extract().path("code");
    }

    /** A fresh getPhoneNumber code that WeChat will resolve to this phone. */
    public static String phoneCode(String phone) {
        return given().baseUri(url).contentType(ContentType.JSON).body(Map.of("phone", phone))
                .post("/sim/phone-code").then().statusCode(200).extract().path("code");
    }

    /** The next {@code times} calls of {@code api} answer {@code errcode} after {@code delayMs}. */
    public static void fault(String api, int errcode, int delayMs, int times) {
        given().baseUri(url).contentType(ContentType.JSON)
                .body(Map.of("api", api, "errcode", errcode, "delayMs", delayMs, "times", times))
                .post("/sim/faults").then().statusCode(200);
    }

    /** The next {@code times} calls of {@code api} answer this HTTP status (5xx) with a gateway error page. */
    public static void httpFault(String api, int httpStatus, int times) {
        given().baseUri(url).contentType(ContentType.JSON)
                .body(Map.of("api", api, "httpStatus", httpStatus, "times", times))
                .post("/sim/faults").then().statusCode(200);
    }

    public static void clearFaults() {
        given().baseUri(url).delete("/sim/faults").then().statusCode(204);
    }

    public static int calls(String api) {
        Map<String, Integer> counts = given().baseUri(url).queryParam("api", api).get("/sim/calls").then().statusCode(200)
                .extract().as(Map.class);
        return counts.getOrDefault(api, 0);
    }
}
