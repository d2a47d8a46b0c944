package org.minzheng.testsupport;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.logging.Log;

import org.minzheng.common.error.DomainException;

/**
 * Endpoints that exist only in tests, to drive every error shape through the real HTTP stack.
 * Excluded from the OpenAPI document by {@code %test.mp.openapi.scan.exclude.packages}.
 */
@Path("/test-probe")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProbeResource {

    public record Party(@NotBlank String name, @Min(0) @Max(5) int children) {
    }

    public record Booking(@NotBlank @Size(max = 10) String title, @NotNull @Valid Party party,
            List<@Valid Party> guests) {
    }

    @POST
    @Path("/bookings")
    public Booking echo(@Valid @NotNull Booking booking) {
        Log.info("probe booking received");
        return booking;
    }

    @GET
    @Path("/throttled")
    public String throttled() {
        throw new DomainException(429, "TOO_MANY_REQUESTS", List.of(), Map.of("Retry-After", "30"));
    }

    @GET
    @Path("/unknown-code")
    public String unknownCode() {
        throw new DomainException(409, "NO_SUCH_CODE_IN_BUNDLES");
    }

    @GET
    @Path("/deadlock")
    public String deadlock() {
        // as Hibernate Reactive hands PostgreSQL's deadlock verdict over
        throw new jakarta.persistence.PessimisticLockException(new org.hibernate.exception.LockAcquisitionException(
                "could not execute statement", new java.sql.SQLException("ERROR: deadlock detected (40P01)", "40P01")));
    }

    @GET
    @Path("/boom")
    public String boom() {
        // What an unexpected failure may carry: SQL and personal data. None of it may reach the client.
        throw new IllegalStateException("SELECT * FROM resident WHERE id_number = '11010519491231002X'");
    }
}
