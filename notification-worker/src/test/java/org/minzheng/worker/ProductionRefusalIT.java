package org.minzheng.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The packaged worker in the prod profile: it starts with WeChat's production settings and refuses to
 * start with the development appid, secret or wechat-sim's address, naming each. PostgreSQL and Redis
 * come from the environment ({@code scripts/services.sh env}).
 */
class ProductionRefusalIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private static Map<String, String> production() {
        Map<String, String> settings = new HashMap<>();
        settings.put("MINZHENG_WECHAT_APPID", "wx0a1b2c3d4e5f6a7b");
        settings.put("MINZHENG_WECHAT_SECRET", "a-secret-from-the-mini-program-console");
        // https and not local: what production needs; .invalid: nothing is ever sent there
        settings.put("QUARKUS_REST_CLIENT_WECHAT_URL", "https://wechat-api.example.invalid");
        // starts, checks and stops without reading the stream
        settings.put("MINZHENG_WORKER_ENABLED", "false");
        return settings;
    }

    @Test
    void startsWithProductionSettings() throws Exception {
        int port = freePort();
        Process worker = start("safe", port, production());
        try {
            assertThat(awaitReady(worker, port)).as("ready; see notification-worker/target/worker-prod-safe.log").isTrue();
        } finally {
            worker.destroy();
            assertThat(worker.waitFor(40, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void refusesWeChatsDevelopmentSettingsNamingEach() throws Exception {
        Map<String, String> settings = production();
        settings.put("MINZHENG_WECHAT_APPID", "wx-dev-minzheng");
        settings.put("MINZHENG_WECHAT_SECRET", "dev-secret-not-for-production");
        settings.put("QUARKUS_REST_CLIENT_WECHAT_URL", "http://127.0.0.1:8090");
        Process worker = start("development", freePort(), settings);
        assertThat(worker.waitFor(90, TimeUnit.SECONDS)).as("exits").isTrue();
        assertThat(worker.exitValue()).as("with an error").isNotIn(0, 143);
        assertThat(Files.readString(Path.of("target", "worker-prod-development.log"), StandardCharsets.UTF_8))
                .contains("Refusing to start in production", "minzheng.wechat.appid is the development appid",
                        "minzheng.wechat.secret is the committed development secret",
                        "quarkus.rest-client.wechat.url must be WeChat's https API");
    }

    private static Process start(String name, int port, Map<String, String> environment) throws IOException {
        assertThat(JAR).as("the worker is packaged before its *IT tests run").exists();
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(Path.of("target", "worker-prod-" + name + ".log").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_PROFILE", "prod");
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return process;
    }

    private static boolean awaitReady(Process process, int port) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .until(() -> !process.isAlive() || ready(port));
        } catch (ConditionTimeoutException e) {
            return false;
        }
        return process.isAlive();
    }

    private static boolean ready(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/ready")
                    .toURL().openConnection();
            return c.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false; // not listening yet
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
