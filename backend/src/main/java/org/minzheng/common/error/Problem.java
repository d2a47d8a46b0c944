package org.minzheng.common.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail with the stable machine {@code code} clients branch on. Never carries a
 * stack trace, SQL or personal data.
 *
 * <p>Written by Jackson as the entity of a {@code Response} and from Vert.x filters, where Quarkus cannot see
 * its type: registered for reflection (native executables) with its {@link FieldError}s.
 */
@RegisterForReflection(registerFullHierarchy = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem detail; branch on `code`, show `title`/`detail` to people")
public record Problem(
        @Schema(description = "URI reference naming the problem type", examples = "urn:minzheng:problem:SLOT_FULL") String type,
        String title,
        int status,
        String detail,
        @Schema(description = "Stable machine code", examples = "SLOT_FULL") String code,
        @Schema(description = "The request path") String instance,
        @Schema(description = "The request id, also in the X-Request-Id header; quote it to support") String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:minzheng:problem:";

    public static String typeOf(String code) {
        return TYPE_PREFIX + code;
    }
}
