package org.minzheng.relief.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.relief.service.SelfAssessment;

/** The relief self-assessment: anyone may try it before applying; nothing is stored. */
@Cancellable(false)
@Path("/api/v1/relief/assessments")
@Tag(name = "relief", description = "Social relief: self-assessment, applications, public notices")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ReliefAssessmentResource {

    public record Member(@Size(max = 20) String relation,
            @Schema(description = "CNY a month by source, e.g. {\"wages\": 2100, \"pension\": 0}")
            @Size(max = 10) Map<@Pattern(regexp = "^[A-Za-z_]{1,20}$") String, @NotNull @DecimalMin("0") @DecimalMax("10000000") BigDecimal> monthlyIncome,
            @Min(0) @Max(130) Integer age, Boolean disabled, Boolean noSupporter) {

        SelfAssessment.Member member() {
            return new SelfAssessment.Member(relation, monthlyIncome, age, Boolean.TRUE.equals(disabled),
                    Boolean.TRUE.equals(noSupporter));
        }
    }

    @Schema(description = "The household living together (共同生活的家庭成员) and its assets; year: whose standard (this year when absent)")
    public record AssessmentRequest(@Min(2000) @Max(2100) Integer year,
            @NotEmpty @Size(max = 20) List<@NotNull @Valid Member> members,
            @DecimalMin("0") @DecimalMax("1000000000") BigDecimal deposits,
            @Size(max = 10) List<@NotNull @DecimalMin("0") @DecimalMax("100000000") BigDecimal> vehicleValues,
            @DecimalMin("0") @DecimalMax("10000000") BigDecimal rigidExpensesMonthly, Boolean suddenHardship) {

        @Override
        public String toString() {
            return "AssessmentRequest[" + (members == null ? 0 : members.size()) + " members]"; // never incomes in logs
        }
    }

    private final SelfAssessment assessment;

    public ReliefAssessmentResource(SelfAssessment assessment) {
        this.assessment = assessment;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "What a household likely qualifies for, with the reasons in figures, the estimated 低保 top-up "
            + "and the documents each type needs; nothing is stored")
    public Uni<SelfAssessment.Assessment> assess(@Valid @NotNull AssessmentRequest r) {
        return assessment.assess(r.year(), new SelfAssessment.Household(r.members().stream().map(Member::member).toList(),
                r.deposits(), r.vehicleValues(), r.rigidExpensesMonthly(), Boolean.TRUE.equals(r.suddenHardship())));
    }
}
