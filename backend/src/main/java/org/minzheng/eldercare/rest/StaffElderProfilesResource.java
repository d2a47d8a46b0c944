package org.minzheng.eldercare.rest;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.eldercare.service.ElderProfiles;
import org.minzheng.identity.IdNumber;
import org.minzheng.identity.service.Caller;
import org.minzheng.identity.service.PersonalFields;

/** Staff verify an elder's profile against the documents in front of them (户口簿, the assessment, a certificate). */
@Path("/api/v1/staff/eldercare/profiles")
@Tag(name = "staff: eldercare", description = "Verifying what elders declared; canteens' menus and the day's meals")
@RolesAllowed({ "CASEWORKER", "APPROVER" })
@Produces(MediaType.APPLICATION_JSON)
public class StaffElderProfilesResource {

    public record Verification(@NotBlank String idNumber, @Valid @NotNull MyElderCareResource.ProfileRequest seen) {

        @Override
        public String toString() {
            return "Verification[]"; // never the ID number
        }
    }

    private final ElderProfiles profiles;
    private final PersonalDataCipher cipher;
    private final Caller caller;
    private final java.time.Clock clock;

    public StaffElderProfilesResource(ElderProfiles profiles, PersonalDataCipher cipher, Caller caller, java.time.Clock clock) {
        this.profiles = profiles;
        this.cipher = cipher;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the person's hukou, disability and groups as verified from their documents; audited")
    public Uni<MyElderCareResource.ProfileView> verify(@Valid @NotNull Verification request) {
        IdNumber id = IdNumber.parse(request.idNumber(), LocalDate.now(clock), "idNumber");
        return profiles.verify(caller.staffId(), cipher.blindIndex(PersonalFields.ID_NUMBER, id.value()), request.seen().declared())
                .map(MyElderCareResource.ProfileView::of);
    }
}
