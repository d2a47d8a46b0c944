package org.minzheng.identity.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.common.web.Created;
import org.minzheng.common.privacy.Masks;
import org.minzheng.identity.Dependant;
import org.minzheng.identity.IdNumber;
import org.minzheng.identity.service.Caller;
import org.minzheng.identity.service.Dependants;
import org.minzheng.identity.service.PersonalFields;
import org.minzheng.identity.service.ResidentProfiles;

/** The signed-in resident's own profile and family members. Everything personal is masked. */
@Cancellable(false)
@Path("/api/v1/me")
@Tag(name = "me", description = "The signed-in resident")
@RolesAllowed("RESIDENT")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MeResource {

    static final String NAME_PATTERN = PersonalFields.NAME_PATTERN;

    public record Profile(long id, boolean identityVerified, String name, String idNumber, IdNumber.Sex sex,
            String phone) {
        static Profile of(ResidentProfiles.Profile p) {
            return new Profile(p.id(), p.verified(), Masks.name(p.name()), Masks.idNumber(p.idNumber()), p.sex(),
                    Masks.phone(p.phone()));
        }
    }

    public record IdentityRequest(@NotBlank @Pattern(regexp = NAME_PATTERN) String name,
            @NotBlank @Size(max = 32) String idNumber) {
    }

    public record PhoneRequest(@NotBlank @Size(max = 128) String code) {
    }

    public record NewDependant(@NotBlank @Pattern(regexp = NAME_PATTERN) String name,
            @NotBlank @Size(max = 32) String idNumber, @NotNull Dependant.Relation relation,
            @NotBlank @Size(max = 500) String consentStatement) {
    }

    public record DependantView(long id, String name, String idNumber, IdNumber.Sex sex, Dependant.Relation relation,
            Instant createdAt, Instant revokedAt) {
        static DependantView of(Dependants.View v) {
            return new DependantView(v.id(), Masks.name(v.name()), Masks.idNumber(v.idNumber()), v.sex(), v.relation(),
                    v.createdAt(), v.revokedAt());
        }
    }

    private final Caller caller;
    private final ResidentProfiles profiles;
    private final Dependants dependants;

    public MeResource(Caller caller, ResidentProfiles profiles, Dependants dependants) {
        this.caller = caller;
        this.profiles = profiles;
        this.dependants = dependants;
    }

    @GET
    @Operation(summary = "My profile, masked")
    public Uni<Profile> me() {
        return profiles.profile(caller.residentId()).map(Profile::of);
    }

    @PUT
    @Path("/identity")
    @Operation(summary = "Verify my real name with my ID number (or HK/Macao/Taiwan residence permit)")
    public Uni<Profile> verify(@Valid @NotNull IdentityRequest request) {
        return profiles.verify(caller.residentId(), request.name(), request.idNumber()).map(Profile::of);
    }

    @POST
    @Path("/phone")
    @Operation(summary = "Bind my phone with the code from the getPhoneNumber button")
    public Uni<Profile> phone(@Valid @NotNull PhoneRequest request) {
        return profiles.bindPhone(caller.residentId(), request.code()).map(Profile::of);
    }

    @POST
    @Path("/dependants")
    @Operation(summary = "Add a family member I may book and apply for (亲属代办)")
    public Uni<RestResponse<DependantView>> addDependant(@Valid @NotNull NewDependant request) {
        return dependants.add(caller.residentId(), request.name(), request.idNumber(), request.relation(),
                request.consentStatement())
                .map(v -> Created.at("/api/v1/me/dependants/" + v.id(), DependantView.of(v)));
    }

    @GET
    @Path("/dependants")
    @Operation(summary = "My family members; revoked ones too with includeRevoked=true")
    public Uni<List<DependantView>> dependants(@QueryParam("includeRevoked") boolean includeRevoked) {
        return dependants.list(caller.residentId(), includeRevoked)
                .map(list -> list.stream().map(DependantView::of).toList());
    }

    @GET
    @Path("/dependants/{id}")
    public Uni<DependantView> dependant(@RestPath long id) {
        return dependants.get(caller.residentId(), id).map(DependantView::of);
    }

    @DELETE
    @Path("/dependants/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Stop acting for a family member; the record stays as history")
    public Uni<Void> revokeDependant(@RestPath long id) {
        return dependants.revoke(caller.residentId(), id);
    }
}
