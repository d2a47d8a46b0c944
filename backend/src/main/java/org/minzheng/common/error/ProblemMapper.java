package org.minzheng.common.error;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.minzheng.common.web.RequestIdFilter;

/**
 * The one place where exceptions become {@code application/problem+json} responses (RFC 9457 with a
 * stable {@code code}). Nothing from an exception's message reaches the client: it may hold SQL or
 * personal data. Unexpected failures answer 500 with only the request id; the stack trace goes to the log.
 */
public class ProblemMapper {

    private final ProblemResponses responses;

    public ProblemMapper(ProblemResponses responses) {
        this.responses = responses;
    }

    @ServerExceptionMapper
    public Response domain(DomainException e, HttpHeaders headers, HttpServerRequest request) {
        Response.ResponseBuilder builder = responses.builder(e.status(), e.code(), e.fieldErrors(), locale(headers),
                request, e.args());
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response validation(ResteasyReactiveViolationException e, HttpHeaders headers, HttpServerRequest request) {
        if (e.getConstraintViolations().stream().anyMatch(v -> kindOf(v.getPropertyPath()) == ElementKind.RETURN_VALUE)) {
            return unexpected(e, headers, request);
        }
        return violations(e, headers, request);
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, HttpHeaders headers, HttpServerRequest request) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v.getPropertyPath()), constraintCode(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::code))
                .toList();
        return responses.builder(400, "VALIDATION_FAILED", errors, locale(headers), request).build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, HttpHeaders headers, HttpServerRequest request) {
        Log.debugf("Unreadable JSON body: %s", e.getOriginalMessage());
        return responses.builder(400, "MALFORMED_JSON", List.of(), locale(headers), request).build();
    }

    /** A JSON value of the wrong type or shape: say which field, never echo the value. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, HttpHeaders headers, HttpServerRequest request) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce("", (path, part) -> path.isEmpty() || part.startsWith("[") ? path + part : path + "." + part);
        List<FieldError> errors = field.isEmpty() ? List.of()
                : List.of(new FieldError(field, "INVALID_TYPE", null));
        return responses.builder(400, "MALFORMED_JSON", errors, locale(headers), request).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, HttpServerRequest request) {
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return mismatchedJson(mismatch, headers, request);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, headers, request);
        }
        int status = e.getResponse().getStatus();
        return responses.builder(status, codeOf(e, status), List.of(), locale(headers), request).build();
    }

    /** No token, or one that failed verification (expired, tampered, wrong issuer or algorithm). */
    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(Exception e, HttpHeaders headers, HttpServerRequest request) {
        return responses.builder(401, "UNAUTHORIZED", List.of(), locale(headers), request)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, HttpServerRequest request) {
        return responses.builder(403, "FORBIDDEN", List.of(), locale(headers), request).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers, HttpServerRequest request) {
        if (DatabaseErrors.concurrencyConflict(e)) {
            // rolled back whole: the caller may send the same request again (logged without the SQL)
            Log.warnf("%s %s lost a database race (deadlock or serialization failure); answered 409 to retry",
                    request.method(), request.path());
            return responses.builder(409, "CONCURRENT_CHANGE", List.of(), locale(headers), request)
                    .header("Retry-After", "1").build();
        }
        if (DatabaseErrors.noConnection(e)) {
            // overloaded, not broken: the client is told to come back rather than that something failed
            Log.warnf("%s %s found no free database connection in time; answered 503 to retry", request.method(),
                    request.path());
            return domain(DomainException.serviceBusy(), headers, request);
        }
        Log.errorf(e, "Unexpected failure of %s %s", request.method(), request.path());
        return responses.builder(500, "INTERNAL_ERROR", List.of(), locale(headers), request,
                RequestIdFilter.of(request.response())).build();
    }

    private static String codeOf(WebApplicationException e, int status) {
        if (e instanceof NotFoundException) {
            return "NOT_FOUND";
        }
        if (e instanceof NotAllowedException) {
            return "METHOD_NOT_ALLOWED";
        }
        if (e instanceof NotSupportedException) {
            return "UNSUPPORTED_MEDIA_TYPE";
        }
        if (e instanceof NotAcceptableException) {
            return "NOT_ACCEPTABLE";
        }
        return ProblemResponses.codeForStatus(status);
    }

    private Locale locale(HttpHeaders headers) {
        return responses.localeFor(headers.getAcceptableLanguages());
    }

    private static ElementKind kindOf(Path path) {
        ElementKind kind = null;
        for (Path.Node node : path) {
            kind = node.getKind();
        }
        return kind;
    }

    /**
     * {@code create.request.guests[1].name} → {@code guests[1].name}: the method and parameter are noise.
     * Bean Validation puts a container index on the node after the container, hence the look-back.
     */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
                }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    if (node.isInIterable()) {
                        field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
                    }
                    if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                        field.append(field.isEmpty() ? "" : ".").append(node.getName());
                    }
                }
            }
        }
        return field.isEmpty() && parameter != null ? parameter : field.toString();
    }

    /** {@code NotBlank} → {@code NOT_BLANK}. */
    static String constraintCode(ConstraintViolation<?> violation) {
        String name = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
