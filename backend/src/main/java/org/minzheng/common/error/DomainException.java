package org.minzheng.common.error;

import java.util.List;
import java.util.Map;

/**
 * A rule of the domain said no. Carries the HTTP status, the stable {@code code} whose localised title
 * and detail live in {@code problems*.properties}, the arguments for the detail, and optional field
 * errors and response headers (e.g. {@code Retry-After}).
 *
 * <p>Arguments end up in responses: never pass personal data.
 */
public class DomainException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient Object[] args;
    private final transient List<FieldError> fieldErrors;
    private final transient Map<String, String> headers;

    public DomainException(int status, String code, Object... args) {
        this(status, code, List.of(), Map.of(), args);
    }

    public DomainException(int status, String code, List<FieldError> fieldErrors, Map<String, String> headers,
            Object... args) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.args = args;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.headers = Map.copyOf(headers);
    }

    /**
     * 503 {@code SERVICE_BUSY} with {@code Retry-After}: more than this replica takes at the moment (no database
     * connection free in time, no turn to hold a document), nothing done; the same request may be sent again.
     */
    public static DomainException serviceBusy() {
        return new DomainException(503, "SERVICE_BUSY", List.of(), Map.of("Retry-After", "2"));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
