package org.minzheng.common.web;

import java.util.regex.Pattern;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * A route that takes a larger request body than every other one (a document upload), produced as a bean by
 * the capability that serves it; {@link BodySizeLimit} applies its limit there.
 */
public record LargeBodyRoute(HttpMethod method, Pattern path, long maxBytes) {

    boolean matches(RoutingContext context) {
        return context.request().method().equals(method) && path.matcher(context.normalizedPath()).matches();
    }
}
