package org.minzheng.testsupport;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** What the tests' helper apps (wechat-sim, notification-worker) share: waiting until one is ready. */
final class AppProcesses {

    private AppProcesses() {
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
