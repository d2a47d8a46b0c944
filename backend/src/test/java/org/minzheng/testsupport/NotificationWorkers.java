package org.minzheng.testsupport;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Runs the real notification-worker jar (built before the backend) as separate processes against the
 * test database, the test Redis and wechat-sim, with short timings, so tests can stop or kill -9 them.
 */
public final class NotificationWorkers {

    private static final Path JAR = Path.of("..", "notification-worker", "target", "quarkus-app", "quarkus-run.jar");
    private static final Map<String, String> FAST = Map.ofEntries(
            Map.entry("minzheng.worker.forget-consumers-after", "PT5S"),
            Map.entry("minzheng.worker.read-block", "PT0.5S"),
            Map.entry("minzheng.worker.claim-idle", "PT3S"),
            Map.entry("minzheng.worker.claim-every", "PT1S"),
            Map.entry("minzheng.worker.lease", "PT4S"),
            Map.entry("minzheng.worker.send-wait", "PT3S"),
            Map.entry("minzheng.worker.backoff-base", "PT0.1S"),
            Map.entry("minzheng.worker.backoff-max", "PT0.4S"),
            Map.entry("minzheng.worker.max-attempts", "3"),
            Map.entry("minzheng.worker.sends-per-second", "1000"),
            Map.entry("minzheng.wechat.timeout", "PT1S"));

    /** One running worker process. */
    public static final class Worker {
        private final Process process;
        private final int port;

        Worker(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        /** SIGKILL: no shutdown hook, no finishing the batch in hand. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        /** SIGTERM: the worker finishes the sends under way and leaves (killed and failed after a minute). */
        public void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
                throw new AssertionError("the worker did not stop within a minute of SIGTERM");
            }
        }

        public int exitValue() {
            return process.exitValue();
        }
    }

    private static final List<Worker> RUNNING = new ArrayList<>();

    private NotificationWorkers() {
    }

    public static Worker start(String name) {
        return start(name, Map.of());
    }

    /** Starts a worker with the given consumer name and settings over the fast test defaults. */
    public static synchronized Worker start(String name, Map<String, String> settings) {
        Config config = ConfigProvider.getConfig();
        Map<String, String> props = new TreeMap<>(FAST);
        props.put("quarkus.datasource.reactive.url", config.getValue("quarkus.datasource.reactive.url", String.class));
        props.put("quarkus.datasource.username", config.getValue("quarkus.datasource.username", String.class));
        props.put("quarkus.rest-client.wechat.url", WeChatSim.url());
        props.put("minzheng.worker.consumer", name);
        props.putAll(settings);
        int port = AppProcesses.freePort();
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("quarkus.http.host", "127.0.0.1");
        // secrets by environment, not on the command line where ps shows them
        Map<String, String> environment = Map.of("QUARKUS_PROFILE", "dev",
                "QUARKUS_DATASOURCE_PASSWORD", config.getValue("quarkus.datasource.password", String.class),
                "QUARKUS_REDIS_HOSTS", config.getValue("quarkus.redis.hosts", String.class));
        File log = Path.of("target", "worker-" + name + ".log").toFile();
        Worker worker = new Worker(AppProcesses.launch(JAR, "notification-worker", props, environment, log), port);
        RUNNING.add(worker);
        AppProcesses.awaitReady(worker.process, worker.url(), "notification-worker", "backend/target/worker-" + name + ".log");
        return worker;
    }

    /** Stops every worker these tests started. */
    public static synchronized void stopAll() throws InterruptedException {
        for (Worker w : RUNNING) {
            if (w.process.isAlive()) {
                w.stop();
            }
        }
        RUNNING.clear();
    }

}
