package org.minzheng.wechatsim;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.logging.Log;

/** Control API: call counts, the sim's clock, and a reset to a fresh sim between tests. */
@Path("/sim")
@Produces(MediaType.APPLICATION_JSON)
public class SimStateResource {

    public record ClockRequest(Long advanceSeconds) {
    }

    public record ClockReply(Instant now, long offsetSeconds) {
    }

    private final CallCounts counts;
    private final SimClock clock;
    private final LoginCodes loginCodes;
    private final PhoneCodes phoneCodes;
    private final AccessTokens tokens;
    private final UserIdentities identities;
    private final Faults faults;
    private final SubscribeMessages messages;

    SimStateResource(CallCounts counts, SimClock clock, LoginCodes loginCodes, PhoneCodes phoneCodes,
            AccessTokens tokens, UserIdentities identities, Faults faults, SubscribeMessages messages) {
        this.counts = counts;
        this.clock = clock;
        this.loginCodes = loginCodes;
        this.phoneCodes = phoneCodes;
        this.tokens = tokens;
        this.identities = identities;
        this.faults = faults;
        this.messages = messages;
    }

    /** Every API's count, or just the one asked for: {@code {"stable_token": 1}}. */
    @GET
    @Path("/calls")
    public Map<String, Long> calls(@QueryParam("api") String api) {
        Map<String, Long> result = new LinkedHashMap<>();
        if (api != null) {
            Api one = Api.byWireName(api).orElseThrow(() -> new InvalidSimRequest("unknown api " + api));
            result.put(one.wireName(), counts.of(one));
            return result;
        }
        for (Api each : Api.values()) {
            result.put(each.wireName(), counts.of(each));
        }
        return result;
    }

    @GET
    @Path("/clock")
    public ClockReply clock() {
        return new ClockReply(clock.instant(), clock.offset().toSeconds());
    }

    /** Forward only: expiry tests need time to pass, and going back would revive expired codes. */
    @POST
    @Path("/clock")
    public ClockReply advanceClock(ClockRequest request) {
        InvalidSimRequest.require(request != null && request.advanceSeconds() != null && request.advanceSeconds() >= 0,
                "advanceSeconds must be a number >= 0");
        clock.advance(Duration.ofSeconds(request.advanceSeconds()));
        return clock();
    }

    /** A fresh sim: no codes, tokens, known openids, faults, messages or counts, and real time. */
    @DELETE
    @Path("/state")
    public void reset() {
        loginCodes.reset();
        phoneCodes.reset();
        tokens.reset();
        identities.reset();
        faults.clear();
        messages.reset();
        counts.reset();
        clock.reset();
        Log.debug("Sim state reset");
    }
}
