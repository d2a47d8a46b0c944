package org.minzheng.common.error;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import org.minzheng.common.web.RequestIdFilter;

/** Builds problem responses; shared by the JAX-RS mapper and the HTTP-level fallbacks. */
@ApplicationScoped
public class ProblemResponses {

    private final ProblemMessages messages;
    private final ObjectMapper json;

    public ProblemResponses(ProblemMessages messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    public Locale localeFor(List<Locale> acceptable) {
        return messages.localeFor(acceptable);
    }

    public Problem problem(int status, String code, List<FieldError> errors, Locale locale, HttpServerRequest request,
            Object... args) {
        String title = messages.title(code, locale);
        if (title == null) {
            // A code without messages is a programming error; still answer something a person can read.
            code = codeForStatus(status);
            title = messages.title(code, locale);
            args = new Object[0];
        }
        List<FieldError> described = errors.stream()
                .map(e -> e.message() != null ? e : new FieldError(e.field(), e.code(), messages.fieldMessage(e.code(), locale)))
                .toList();
        return new Problem(Problem.typeOf(code), title, status, messages.detail(code, locale, args), code,
                request.path(), RequestIdFilter.of(request.response()), described);
    }

    Response.ResponseBuilder builder(int status, String code, List<FieldError> errors, Locale locale,
            HttpServerRequest request, Object... args) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(problem(status, code, errors, locale, request, args));
    }

    /** Answers from below JAX-RS (Vert.x filters), where no exception mapper runs. */
    public void end(RoutingContext context, int status, String code) {
        HttpServerRequest request = context.request();
        Problem problem = problem(status, code, List.of(), localeFor(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)), request);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }

    private Locale localeFor(String acceptLanguage) {
        List<Locale> locales = acceptLanguage == null ? List.of()
                : Locale.LanguageRange.parse(acceptLanguage).stream()
                        .flatMap(range -> range.getRange().equals("*") ? Stream.empty()
                                : Stream.of(Locale.forLanguageTag(range.getRange())))
                        .toList();
        return localeFor(locales);
    }

    /** A generic code for a status no more specific rule named. */
    public static String codeForStatus(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "TOO_MANY_REQUESTS";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
    }
}
