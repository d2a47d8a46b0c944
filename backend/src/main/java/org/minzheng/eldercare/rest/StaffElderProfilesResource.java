package org.minzheng.eldercare.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.casework.service.ApplicationTypes;
import org.minzheng.casework.service.Applications;
import org.minzheng.casework.service.Subjects;
import org.minzheng.common.error.DomainException;
import org.minzheng.eldercare.apply.ElderApplicationType;
import org.minzheng.eldercare.service.ElderProfiles;
import org.minzheng.identity.service.Caller;
import org.minzheng.identity.service.Principal;

/**
 * Staff verify an elder's profile within the family's application in their jurisdiction, against the documents
 * in front of them (户口簿, the care assessment, a certificate of a listed group): what they saw becomes the
 * family's verified profile of that elder. Audited against the application.
 */
@Cancellable(false)
@Path("/api/v1/staff/applications/{id}/elder-profile")
@Tag(name = "staff: eldercare", description = "Verifying what a family declared for an elder; canteens' menus and the day's meals")
@RolesAllowed({ "CASEWORKER", "APPROVER" })
@Produces(MediaType.APPLICATION_JSON)
public class StaffElderProfilesResource {

    public record Verification(@Valid @NotNull MyElderCareResource.ProfileRequest seen) {
    }

    private final Applications applications;
    private final ApplicationTypes types;
    private final Subjects subjects;
    private final ElderProfiles profiles;
    private final Caller caller;

    public StaffElderProfilesResource(Applications applications, ApplicationTypes types, Subjects subjects, ElderProfiles profiles,
            Caller caller) {
        this.applications = applications;
        this.types = types;
        this.subjects = subjects;
        this.profiles = profiles;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the elder's hukou, disability and groups as verified from their documents, for this family")
    public Uni<MyElderCareResource.ProfileView> verify(@RestPath long id, @Valid @NotNull Verification request) {
        Principal staff = caller.principal();
        return applications.seenBy(staff, id).flatMap(app -> {
            if (!(types.of(app.type) instanceof ElderApplicationType) || types.of(app.type).workflow().isFinal(app.status)) {
                throw new DomainException(409, "ACTION_NOT_ALLOWED", "elder-profile", app.status);
            }
            return subjects.recorded(app.id)
                    .flatMap(elder -> profiles.verify(staff.id(), app.id, app.applicantId, elder.get(0), request.seen().declared()));
        }).map(MyElderCareResource.ProfileView::of);
    }
}
