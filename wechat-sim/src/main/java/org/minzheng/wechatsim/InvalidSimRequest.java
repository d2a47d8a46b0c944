package org.minzheng.wechatsim;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A malformed call to the /sim control API. That API is the sim's own, not WeChat's, so it answers
 * plain HTTP 400 {@code {"error": "..."}}: a broken test should fail loudly, not look like WeChat.
 */
public class InvalidSimRequest extends RuntimeException {

    public record Problem(String error) {
    }

    public InvalidSimRequest(String message) {
        super(message);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidSimRequest(message);
        }
    }

    static class Mapper {

        @ServerExceptionMapper
        Response toResponse(InvalidSimRequest e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(new Problem(e.getMessage())).build();
        }
    }
}
