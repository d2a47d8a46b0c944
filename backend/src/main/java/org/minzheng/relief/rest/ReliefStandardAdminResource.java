package org.minzheng.relief.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import org.minzheng.identity.service.Caller;
import org.minzheng.relief.ReliefStandard;
import org.minzheng.relief.service.ReliefStandards;

/** Administrators keep the relief standards per year. */
@Cancellable(false)
@Path("/api/v1/admin/relief/standards")
@Tag(name = "admin: relief", description = "Relief standards per year")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class ReliefStandardAdminResource {

    public record StandardRequest(@NotNull @DecimalMin("1") @DecimalMax("100000") BigDecimal minimumLivingCny,
            @NotNull @DecimalMin("1") @DecimalMax("10") BigDecimal edgeMultiplier,
            @DecimalMin("1") @DecimalMax("10") BigDecimal tekunMultiplier,
            @DecimalMin("0") @DecimalMax("600") BigDecimal depositLimitMonths,
            @DecimalMin("0") @DecimalMax("100000000") BigDecimal vehicleValueLimitCny,
            @NotBlank @Size(max = 200) String source) {
    }

    public record StandardView(int year, BigDecimal minimumLivingCny, BigDecimal edgeMultiplier, BigDecimal tekunMultiplier,
            BigDecimal depositLimitMonths, BigDecimal vehicleValueLimitCny, String source, Instant updatedAt) {
        static StandardView of(ReliefStandard s) {
            return new StandardView(s.year, s.minimumLivingCny, s.edgeMultiplier, s.tekunMultiplier, s.depositLimitMonths,
                    s.vehicleValueLimitCny, s.source, s.updatedAt);
        }
    }

    private final ReliefStandards standards;
    private final Caller caller;

    public ReliefStandardAdminResource(ReliefStandards standards, Caller caller) {
        this.standards = standards;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The standards of every year, newest first")
    public Uni<List<StandardView>> list() {
        return standards.all().map(all -> all.stream().map(StandardView::of).toList());
    }

    @PUT
    @Path("/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a year's standard, multipliers and asset limits (a limit left out is not checked)")
    public Uni<StandardView> put(@RestPath @jakarta.validation.constraints.Min(2000) @jakarta.validation.constraints.Max(2100) int year,
            @Valid @NotNull StandardRequest r) {
        return standards.put(caller.staffId(), year, new ReliefStandards.Figures(r.minimumLivingCny(), r.edgeMultiplier(),
                r.tekunMultiplier(), r.depositLimitMonths(), r.vehicleValueLimitCny(), r.source()))
                .map(StandardView::of);
    }
}
