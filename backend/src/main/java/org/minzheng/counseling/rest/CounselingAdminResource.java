package org.minzheng.counseling.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.booking.rest.QueryDates;
import org.minzheng.common.paging.Cursor;
import org.minzheng.common.paging.Page;
import org.minzheng.common.web.Created;
import org.minzheng.counseling.Counselor;
import org.minzheng.counseling.SessionMode;
import org.minzheng.counseling.Topic;
import org.minzheng.counseling.service.CounselingStatistics;
import org.minzheng.counseling.service.Counselors;
import org.minzheng.identity.service.Caller;

/**
 * Administrators keep the counselors and read their figures; never a resident's description, a counselor's notes
 * or a rating's comment. A counselor's duty schedule is set on their duty point like any point's
 * ({@code /api/v1/admin/service-points/{servicePointId}/schedules}, service type COUNSELING).
 */
@Cancellable(false)
@Path("/api/v1/admin/counseling")
@Tag(name = "admin: counseling", description = "Counselors, duty lawyers and their figures")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CounselingAdminResource {

    public record CounselorRequest(
            @Schema(description = "A staff account with the COUNSELOR role; POST only") @Positive Long staffId,
            @NotBlank @Size(max = 40) @Pattern(regexp = "^[^\\p{Cntrl}]*$") String name,
            @NotNull Counselor.Profession profession,
            @Size(max = 300) @Pattern(regexp = "^[^\\p{Cntrl}]*$") String introduction,
            @NotEmpty Set<@NotNull Topic> topics,
            @NotEmpty Set<Counselor.@NotNull Language> languages,
            @NotEmpty Set<@NotNull SessionMode> modes,
            @Schema(description = "The COUNSELING_ROOM service point where they serve; POST only") @Positive Long roomId,
            @Schema(description = "PUT only: false deactivates (their unbooked future sessions go), true reactivates") Boolean active,
            @Schema(description = "PUT only, optional: the version read") Integer version) {

        Counselors.Details details(long staffId, long roomId) {
            return new Counselors.Details(staffId, name, profession, introduction, topics, languages, modes, roomId);
        }
    }

    public record CounselorView(long id, long staffId, long servicePointId, String name, Counselor.Profession profession,
            String introduction, List<String> topics, List<String> languages, List<String> modes, boolean active,
            Instant createdAt, Instant updatedAt, int version) {
        static CounselorView of(Counselor c) {
            return new CounselorView(c.id, c.staffId, c.servicePointId, c.name, c.profession, c.introduction, List.of(c.topics),
                    List.of(c.languages), List.of(c.modes), c.active, c.createdAt, c.updatedAt, c.version);
        }
    }

    private final Counselors counselors;
    private final CounselingStatistics statistics;
    private final Caller caller;
    private final Clock clock;

    public CounselingAdminResource(Counselors counselors, CounselingStatistics statistics, Caller caller, Clock clock) {
        this.counselors = counselors;
        this.statistics = statistics;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Path("/counselors")
    @Operation(summary = "Make a staff member (role COUNSELOR) a counselor in a counseling room, with their duty point")
    public Uni<RestResponse<CounselorView>> create(@Valid @NotNull CounselorRequest request) {
        if (request.staffId() == null || request.roomId() == null) {
            throw Counselors.invalid(request.staffId() == null ? "staffId" : "roomId", "REQUIRED");
        }
        return counselors.create(caller.staffId(), request.details(request.staffId(), request.roomId()))
                .map(c -> Created.at("/api/v1/admin/counseling/counselors/" + c.id, CounselorView.of(c)));
    }

    @GET
    @Path("/counselors")
    @Operation(summary = "Counselors in creation order, inactive ones included, cursor-paged")
    public Uni<Page<CounselorView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        return counselors.page(Cursor.decode(cursor), size + 1).map(rows -> Page.of(rows, size, c -> c.id, CounselorView::of));
    }

    @GET
    @Path("/counselors/{id}")
    public Uni<CounselorView> get(@RestPath long id) {
        return counselors.get(id).map(CounselorView::of);
    }

    @PUT
    @Path("/counselors/{id}")
    @Operation(summary = "Replace what residents read and what the counselor offers; active=false deactivates")
    public Uni<CounselorView> update(@RestPath long id, @Valid @NotNull CounselorRequest request) {
        // staff and room stay as they were made
        return counselors.update(caller.staffId(), id, request.details(0, 0), request.active(), request.version())
                .map(CounselorView::of);
    }

    @GET
    @Path("/statistics")
    @Operation(summary = "Per counselor: sessions booked, held, missed, cancelled, the no-show rate and the average rating",
            description = "Sessions on from..to (default: the last 30 days through today); numbers only.")
    public Uni<List<CounselingStatistics.Figures>> statistics(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate last = QueryDates.parse(to, "to", LocalDate.now(clock));
        return statistics.of(null, QueryDates.parse(from, "from", last.minusDays(29)), last);
    }
}
