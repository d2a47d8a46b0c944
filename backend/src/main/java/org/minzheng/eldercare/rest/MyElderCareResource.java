package org.minzheng.eldercare.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.eldercare.Disability;
import org.minzheng.eldercare.ElderProfile;
import org.minzheng.eldercare.service.ElderEligibility;
import org.minzheng.eldercare.service.ElderProfiles;
import org.minzheng.eldercare.service.Eligibility;
import org.minzheng.eldercare.service.Entitlements;
import org.minzheng.identity.service.Caller;
import org.minzheng.identity.service.People;

/** A resident's elderly-services profile and eligibility, for themselves or a dependant ({@code ?person=} its id). */
@Cancellable(false)
@Path("/api/v1/me/eldercare")
@Tag(name = "eldercare")
@RolesAllowed("RESIDENT")
@Produces(MediaType.APPLICATION_JSON)
public class MyElderCareResource {

    static final String GROUP = "^[A-Z][A-Z_]{1,39}$";

    @Schema(description = "hukouRegion: the 6-digit region code of the hukou (e.g. 440305 for Nanshan); groups: listed groups "
            + "such as SANSHU_WULAO, SHIDU_PARENT, DISABLED_ONLY_CHILD_PARENT")
    public record ProfileRequest(@Pattern(regexp = "^[0-9]{6}$") String hukouRegion, @NotNull Disability disability,
            @Size(max = 5) List<@NotNull @Pattern(regexp = GROUP) String> groups) {

        ElderProfiles.Declared declared() {
            return new ElderProfiles.Declared(hukouRegion, disability, groups == null ? List.of() : List.copyOf(groups));
        }
    }

    public record ProfileView(String hukouRegion, Disability disability, List<String> groups, boolean verified,
            Instant verifiedAt) {
        static ProfileView of(ElderProfile p) {
            return new ProfileView(p.hukouRegion(), p.disability(), p.groups(), p.verified(), p.verifiedAt());
        }
    }

    /** {@code name} masked; {@code age} in whole years today. */
    public record EligibilityView(String name, int age, ProfileView profile, List<Eligibility.Answer> services) {
    }

    private final People people;
    private final ElderProfiles profiles;
    private final ElderEligibility eligibility;
    private final Entitlements entitlements;
    private final Caller caller;

    public MyElderCareResource(People people, ElderProfiles profiles, ElderEligibility eligibility, Entitlements entitlements,
            Caller caller) {
        this.people = people;
        this.profiles = profiles;
        this.eligibility = eligibility;
        this.entitlements = entitlements;
        this.caller = caller;
    }

    @GET
    @Path("/profile")
    @Operation(summary = "What I (or my dependant) declared for elderly services, and whether staff verified it")
    public Uni<ProfileView> profile(@QueryParam("person") @Positive Long person) {
        return people.actingFor(caller.residentId(), person).flatMap(p -> profiles.of(caller.residentId(), p.idNumberIndex()))
                .map(ProfileView::of);
    }

    @PUT
    @Path("/profile")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare hukou, disability and listed groups; a change is unverified until staff see the documents")
    public Uni<ProfileView> declare(@QueryParam("person") @Positive Long person, @Valid @NotNull ProfileRequest request) {
        return people.actingFor(caller.residentId(), person)
                .flatMap(p -> profiles.declare(caller.residentId(), p.idNumberIndex(), request.declared()))
                .map(ProfileView::of);
    }

    @GET
    @Path("/entitlements")
    @Operation(summary = "My (or my dependant's) entitlement balances: respite days granted and used per year")
    public Uni<List<Entitlements.Balance>> entitlements(@QueryParam("person") @Positive Long person) {
        long me = caller.residentId();
        // a dependant's balances are the family's to see once staff verified it acts for them
        return people.actingFor(me, person).flatMap(p -> person == null ? entitlements.of(p.idNumberIndex())
                : profiles.of(me, p.idNumberIndex()).flatMap(profile -> profile.verified() ? entitlements.of(p.idNumberIndex())
                        : Uni.createFrom().item(List.<Entitlements.Balance>of())));
    }

    @GET
    @Path("/eligibility")
    @Operation(summary = "For each elderly service: eligible or not, the tier, and why")
    public Uni<EligibilityView> eligibility(@QueryParam("person") @Positive Long person) {
        return eligibility.of(caller.residentId(), person).map(r -> new EligibilityView(r.name(), r.age(),
                ProfileView.of(r.profile()), r.services()));
    }
}
