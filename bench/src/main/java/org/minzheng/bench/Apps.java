package org.minzheng.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged wechat-sim and backend, started from the repository's build output as the bench's own
 * processes. The backend runs the test profile: an emptied test database (Flyway clean) and the known first
 * administrator, so every run starts from the same state (the test Redis is emptied first); PostgreSQL and Redis
 * come from the environment
 * ({@code scripts/services.sh env}).
 */
final class Apps implements AutoCloseable {

    final String backendUrl;
    final String simUrl;
    private final Process backend;
    private final Process sim;
    /** False once the backend's peak could not be reset: it then includes load from before the scenario. */
    private boolean peakKnown = true;

    private Apps(Process sim, String simUrl, Process backend, String backendUrl) {
        this.sim = sim;
        this.simUrl = simUrl;
        this.backend = backend;
        this.backendUrl = backendUrl;
    }

    /**
     * The backend's JVM: a 192 MiB heap and the serial collector, with which its resident set stays under the 512 MiB
     * target, as the Kubernetes pod runs it (k8s/base/backend.yaml), then BENCH_BACKEND_JAVA_OPTS (a later -Xmx wins; e.g.
     * -XX:StartFlightRecording=filename=bench/target/backend.jfr,settings=profile to see where time goes).
     */
    static List<String> backendJvm() {
        List<String> options = new ArrayList<>(List.of("-Xmx192m", "-XX:+UseSerialGC"));
        String extra = System.getenv().getOrDefault("BENCH_BACKEND_JAVA_OPTS", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    static Apps start(Path root, Path logs) throws InterruptedException {
        int simPort = freePort();
        String simUrl = "http://127.0.0.1:" + simPort;
        Process sim = launch(root.resolve("wechat-sim/target/quarkus-app/quarkus-run.jar"), logs.resolve("wechat-sim.log"),
                List.of("-Dquarkus.http.port=" + simPort, "-Dquarkus.http.host=127.0.0.1"), "prod");
        awaitReady(sim, simUrl, "wechat-sim");
        // the test database is emptied as the backend starts; Redis must be too, or counters and limits from an
        // earlier run would speak for slots and residents that now have the same ids
        Stores.redis("FLUSHDB");
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        List<String> options = new ArrayList<>(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.rest-client.wechat.url=" + simUrl,
                // the gate's counters repaired from PostgreSQL as in production (a minute there), often enough that the
                // invariants can wait for a pass after a run that left drift (the test profile turns it off)
                "-D%test.minzheng.booking.reconcile-every=10s"));
        options.addAll(backendJvm());
        Process backend = launch(root.resolve("backend/target/quarkus-app/quarkus-run.jar"), logs.resolve("backend.log"),
                options, "test");
        awaitReady(backend, url, "the backend");
        return new Apps(sim, simUrl, backend, url);
    }

    ProcessHandle backendProcess() {
        return backend.toHandle();
    }

    /** Starts the backend's peak resident set afresh (Linux: 5 to clear_refs), so that what came before is not in it. */
    void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc", Long.toString(backend.pid()), "clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException e) {
            peakKnown = false;
        }
    }

    /** The backend's peak resident set (VmHWM), in KiB, since {@link #resetPeakRss}; -1 where /proc cannot tell. */
    long backendPeakRssKib() {
        if (!peakKnown) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(backend.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or gone
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : List.of(backend, sim)) {
            p.destroy();
            if (!p.waitFor(45, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static Process launch(Path jar, Path log, List<String> options, String profile) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is not built: ./mvnw -B package -DskipTests first (bench/run.sh does)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_PROFILE", profile);
        try {
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitReady(Process process, String url, String app) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException(app + " exited; see its log");
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL().openConnection();
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(app + " did not become ready in 2 minutes; see its log");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
