package org.minzheng.counseling.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.booking.rest.QueryDates;
import org.minzheng.counseling.Counselor;
import org.minzheng.counseling.SessionMode;
import org.minzheng.counseling.Topic;
import org.minzheng.counseling.service.CounselingOptions;

/** The counseling finder, open to anyone: who can counsel on what, and when. */
@Cancellable(false)
@Path("/api/v1/counseling/options")
@Tag(name = "counseling")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CounselingOptionsResource {

    static final String TOPIC = "^(MARRIAGE_PREPARATION|FAMILY_CONFLICT|DIVORCE|CUSTODY|INHERITANCE|DOMESTIC_VIOLENCE|ELDERLY_SUPPORT|OTHER)$";
    static final String MODE = "^(IN_PERSON|VIDEO|PHONE)$";

    private final CounselingOptions options;

    public CounselingOptionsResource(CounselingOptions options) {
        this.options = options;
    }

    @GET
    @Operation(summary = "The next sessions I can book, soonest first, grouped by counselor (each with a few of theirs)",
            description = "Only sessions with room left, released and not yet past the booking cut-off; from today to the "
                    + "booking horizon unless narrowed, at most 31 days.")
    public Uni<List<CounselingOptions.Option>> find(
            @Parameter(description = "Counselors serving this topic") @QueryParam("topic") @Pattern(regexp = TOPIC) String topic,
            @Parameter(description = "Counselors offering this mode") @QueryParam("mode") @Pattern(regexp = MODE) String mode,
            @Parameter(description = "Counselors speaking this language") @QueryParam("language")
            @Pattern(regexp = "^(MANDARIN|CANTONESE|ENGLISH)$") String language,
            @Parameter(description = "First day, e.g. 2026-12-01") @QueryParam("from") String from,
            @Parameter(description = "Last day") @QueryParam("to") String to) {
        return options.find(new CounselingOptions.Query(topic == null ? null : Topic.valueOf(topic),
                mode == null ? null : SessionMode.valueOf(mode), language == null ? null : Counselor.Language.valueOf(language),
                QueryDates.parse(from, "from"), QueryDates.parse(to, "to")));
    }
}
