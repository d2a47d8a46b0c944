package org.minzheng.common.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import org.jboss.logging.MDC;

/**
 * Gives every request an id, taken from {@code X-Request-Id} when the caller (a gateway, the
 * mini-program) sent a sane one, or generated. It goes back on every response and into the logging
 * context, so each log line of the request carries it ({@code %X{requestId}}, and a field in JSON logs).
 *
 * <p>A Vert.x filter rather than a JAX-RS one so that health, metrics and unmatched routes get it too.
 */
@ApplicationScoped
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Runs before everything else, including authentication. */
    private static final int PRIORITY = 1000;
    // Anything else (too long, control characters, spaces) could forge log lines: replace it.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext context) {
        String offered = context.request().getHeader(HEADER);
        String id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        context.put(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }

    /** The id of the request this response belongs to. */
    public static String of(HttpServerResponse response) {
        return response.headers().get(HEADER);
    }
}
