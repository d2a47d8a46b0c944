package org.minzheng.eldercare.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.eldercare.Disability;
import org.minzheng.eldercare.ElderService;
import org.minzheng.eldercare.service.ElderServices;
import org.minzheng.identity.service.Caller;
import org.minzheng.relief.ReliefType;

/** Administrators keep the elderly services' rules: tiers, subsidies, ages, hukou, relief, disability, groups. */
@Cancellable(false)
@Path("/api/v1/admin/eldercare/services")
@Tag(name = "admin: eldercare", description = "Elderly services and who may have them")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class ElderServicesAdminResource {

    public record ServiceRequest(@NotBlank @Size(max = 50) String name,
            @NotEmpty @Size(max = 10) List<@NotNull @Valid TierRequest> tiers) {
    }

    public record TierRequest(@NotNull @Pattern(regexp = "^[A-Z][A-Z0-9_]{1,31}$") String code, @NotBlank @Size(max = 50) String name,
            @jakarta.validation.constraints.DecimalMin("0") @jakarta.validation.constraints.DecimalMax("1000") java.math.BigDecimal subsidyCny,
            @NotEmpty @Size(max = 10) List<@NotNull @Valid ConditionRequest> alternatives) {
    }

    public record ConditionRequest(@jakarta.validation.constraints.Min(0) @jakarta.validation.constraints.Max(150) Integer minAge,
            @jakarta.validation.constraints.Min(0) @jakarta.validation.constraints.Max(150) Integer maxAge,
            ElderService.Hukou hukou, @Size(max = 5) List<@NotNull ReliefType> relief,
            @Size(max = 4) List<@NotNull Disability> disability,
            @Size(max = 10) List<@NotNull @Pattern(regexp = MyElderCareResource.GROUP) String> groups) {
    }

    private final ElderServices services;
    private final Caller caller;

    public ElderServicesAdminResource(ElderServices services, Caller caller) {
        this.services = services;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Every elderly service with its tiers and conditions")
    public Uni<List<ElderService>> list() {
        return services.all();
    }

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a service's tiers (the first that fits a person is theirs) and their conditions; audited")
    public Uni<ElderService> put(@RestPath @Pattern(regexp = "^[A-Z][A-Z_]{1,31}$") String code, @Valid @NotNull ServiceRequest r) {
        return services.put(caller.staffId(), code, r.name(), r.tiers().stream().map(t -> new ElderService.Tier(t.code(), t.name(),
                t.subsidyCny(), t.alternatives().stream().map(c -> new ElderService.Condition(c.minAge(), c.maxAge(), c.hukou(),
                        c.relief(), c.disability(), c.groups())).toList())).toList());
    }
}
