package org.minzheng.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged backend (target/quarkus-app, built by Maven's package phase before the *IT tests) run as a
 * process of its own, so that a test can send it SIGTERM or watch it refuse to start.
 */
public final class PackagedBackend {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedBackend(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar in {@code profile} on an emptied test Redis, with these settings (system properties,
     * which win over the environment: never secrets) and environment variables over this JVM's own. Does not
     * wait for it.
     */
    public static PackagedBackend launch(String name, String profile, Map<String, String> settings,
            Map<String, String> environment) {
        int port = AppProcesses.freePort();
        Map<String, String> props = new HashMap<>();
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("quarkus.http.host", "127.0.0.1");
        props.putAll(settings);
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_PROFILE", profile);
        new FreshRedis().start();
        Path log = Path.of("target", "backend-" + name + ".log");
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        File file = log.toFile();
        return new PackagedBackend(AppProcesses.launch(JAR, "the packaged backend", props, env, file), port, log);
    }

    /** Starts the jar with the test profile and wechat-sim as WeChat, and waits until it is ready. */
    public static PackagedBackend start(String name, Map<String, String> settings) {
        Map<String, String> withSim = new HashMap<>(settings);
        withSim.putIfAbsent("quarkus.rest-client.wechat.url", WeChatSim.ensureRunning());
        PackagedBackend backend = launch(name, "test", withSim, Map.of());
        AppProcesses.awaitReady(backend.process, backend.url(), "the packaged backend", "backend/" + backend.log);
        return backend;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** SIGTERM, as Kubernetes sends it; does not wait. */
    public void terminate() {
        process.destroy();
    }

    /** Its exit code, once it has exited within {@code timeout}; fails otherwise (and kills it). */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the backend did not exit within " + timeout + "; see backend/" + log);
        }
        return process.exitValue();
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** What it printed (its log). */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
