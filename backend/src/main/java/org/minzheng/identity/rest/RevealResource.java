package org.minzheng.identity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.identity.service.Caller;
import org.minzheng.identity.service.PersonalDataReveal;

@Cancellable(false)
@Path("/api/v1/staff/reveals")
@Tag(name = "staff: personal data", description = "Reveal one field of one person, with a purpose, audited")
@RolesAllowed({ "COUNTER", "CASEWORKER", "APPROVER", "ADMIN" })
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RevealResource {

    public record RevealRequest(@NotNull PersonalDataReveal.SubjectType subjectType, @NotNull @Positive Long subjectId,
            @NotNull PersonalDataReveal.Field field, @NotBlank @Size(min = 4, max = 200) String purpose) {
    }

    public record Revealed(PersonalDataReveal.Field field, String value) {
    }

    private final PersonalDataReveal reveal;
    private final Caller caller;

    public RevealResource(PersonalDataReveal reveal, Caller caller) {
        this.reveal = reveal;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Show one personal field unmasked; who, when, which record and why go to the audit log")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Uni<Revealed> reveal(@Valid @NotNull RevealRequest request) {
        return reveal.reveal(caller.staffId(), request.subjectType(), request.subjectId(), request.field(),
                request.purpose()).map(value -> new Revealed(request.field(), value));
    }
}
