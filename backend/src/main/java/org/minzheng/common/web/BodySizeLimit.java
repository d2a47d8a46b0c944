package org.minzheng.common.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.minzheng.common.error.ProblemResponses;

/**
 * Bounds request bodies per route: {@code minzheng.http.max-body-size} everywhere, more only on a
 * {@link LargeBodyRoute}. Quarkus' own limit ({@code quarkus.http.limits.max-body-size}) has to let the
 * largest route through, so it cannot be the bound of the others.
 *
 * <p>A declared {@code Content-Length} above the limit is refused with a problem response before the body is
 * read (Quarkus would refuse one above its own limit a step later, with an empty body). A body sent without a
 * length is cut while it is read, at the limit this filter leaves for Quarkus' input stream, which answers 413
 * itself (no problem body: the response is under way by then).
 */
@ApplicationScoped
public class BodySizeLimit {

    /** After the request id, before Quarkus' own limit check (route order -2). */
    private static final int DECLARED_PRIORITY = 900;
    /** After Quarkus' check, which leaves its own limit for a body without a declared length. */
    private static final int UNDECLARED_PRIORITY = 1;

    private final long defaultMax;
    private final List<LargeBodyRoute> routes;
    private final ProblemResponses problems;

    public BodySizeLimit(@ConfigProperty(name = "minzheng.http.max-body-size") MemorySize defaultMax,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize quarkusMax,
            Instance<LargeBodyRoute> routes, ProblemResponses problems) {
        this.defaultMax = defaultMax.asLongValue();
        this.routes = routes.stream().toList();
        this.problems = problems;
        for (LargeBodyRoute route : this.routes) {
            if (route.maxBytes() > quarkusMax.asLongValue()) {
                throw new IllegalStateException("quarkus.http.limits.max-body-size is below the " + route.maxBytes()
                        + " bytes allowed on " + route.method() + " " + route.path());
            }
        }
    }

    void register(@Observes Filters filters) {
        filters.register(this::refuseDeclared, DECLARED_PRIORITY);
        filters.register(this::limitUndeclared, UNDECLARED_PRIORITY);
    }

    void refuseDeclared(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredTooLarge(length, limitOf(context))) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            problems.end(context, 413, "PAYLOAD_TOO_LARGE");
            return;
        }
        context.next();
    }

    void limitUndeclared(RoutingContext context) {
        if (context.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            context.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, limitOf(context));
        }
        context.next();
    }

    private long limitOf(RoutingContext context) {
        return routes.stream().filter(route -> route.matches(context)).mapToLong(LargeBodyRoute::maxBytes).findFirst()
                .orElse(defaultMax);
    }

    private static boolean declaredTooLarge(String length, long max) {
        try {
            return Long.parseLong(length) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
