package org.minzheng.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.minzheng.common.error.ProblemResponses;

/**
 * Refuses a declared {@code Content-Length} above {@code quarkus.http.limits.max-body-size} with a
 * problem response. Quarkus would refuse it too, a step later, with an empty body; bodies sent without
 * a length are cut while being read and reach the exception mapper instead.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** After the request id, before Quarkus' own limit check. */
    private static final int PRIORITY = 900;

    private final long maxBytes;
    private final ProblemResponses problems;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max,
            ProblemResponses problems) {
        this.maxBytes = max.asLongValue();
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredTooLarge(length)) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            problems.end(context, 413, "PAYLOAD_TOO_LARGE");
            return;
        }
        context.next();
    }

    private boolean declaredTooLarge(String length) {
        try {
            return Long.parseLong(length) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
