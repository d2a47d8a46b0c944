package org.minzheng.common.web;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

import org.minzheng.common.error.ProblemResponses;

/**
 * On SIGTERM (Kubernetes stopping a pod) the backend takes no new request: each is answered 503
 * {@code SHUTTING_DOWN} with {@code Retry-After} at once, so the client retries on another replica (with
 * the same Idempotency-Key), while the requests already inside finish; Quarkus waits for those
 * ({@code quarkus.shutdown.timeout}). Left to itself Quarkus would go on serving newcomers until the last
 * request ends.
 */
@Singleton
public class ShutdownGate {

    /** After the request id (so the problem carries it), before anything else. */
    private static final int PRIORITY = 950;

    private final ProblemResponses problems;
    private final Thread closer = new Thread(this::close, "shutdown-gate");
    private volatile boolean closing;

    public ShutdownGate(ProblemResponses problems) {
        this.problems = problems;
    }

    void start(@Observes StartupEvent event) {
        // the JVM runs its shutdown hooks at once on SIGTERM, before Quarkus' own shutdown steps
        Runtime.getRuntime().addShutdownHook(closer);
    }

    void stop(@Observes ShutdownEvent event) {
        close();
        try {
            Runtime.getRuntime().removeShutdownHook(closer);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook has run
        }
    }

    void register(@Observes Filters filters) {
        filters.register(this::gate, PRIORITY);
    }

    void close() {
        closing = true;
    }

    private void gate(RoutingContext context) {
        if (closing) {
            if (context.request().version() != HttpVersion.HTTP_2) {
                context.response().putHeader(HttpHeaders.CONNECTION, "close"); // HTTP/2 has no such header
            }
            context.response().putHeader("Retry-After", "1");
            problems.end(context, 503, "SHUTTING_DOWN");
            return;
        }
        context.next();
    }
}
