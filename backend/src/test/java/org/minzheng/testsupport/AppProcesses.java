package org.minzheng.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** What the tests' separately run apps (wechat-sim, notification-worker, the packaged backend) share. */
public final class AppProcesses {

    private AppProcesses() {
    }

    /**
     * Starts {@code java -jar jar} with these system properties (never secrets: ps shows them) and extra
     * environment variables over this JVM's own, its output appended to {@code log}.
     */
    static Process launch(Path jar, String app, Map<String, String> properties, Map<String, String> environment,
            File log) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(app + " is not built (" + jar + "): run the whole build (scripts/test.sh)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + app, e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code baseUrl}'s readiness; fails at once if the process exits, pointing at its log. */
    static void awaitReady(Process process, String baseUrl, String app, String log) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(app + " exited; see " + log);
                }
                return ready(baseUrl);
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(app + " did not become ready; see " + log, e);
        }
    }

    private static boolean ready(String baseUrl) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl + "/q/health/ready").toURL().openConnection();
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }
}
