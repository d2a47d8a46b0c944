package org.minzheng.wechatsim;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Control API: queue failures of WeChat APIs, to test the backend's retries and error handling. */
@Path("/sim/faults")
@Produces(MediaType.APPLICATION_JSON)
public class SimFaultsResource {

    /** Longer would hold a worker thread past any sane client timeout. */
    private static final long MAX_DELAY_MS = 60_000;

    /**
     * Only {@code api} is required: no errcode means a delay only, no times means once, no httpStatus
     * means WeChat's usual HTTP 200.
     */
    public record FaultRequest(String api, Integer errcode, String errmsg, Long delayMs, Integer times,
            Integer httpStatus) {
    }

    private final Faults faults;

    SimFaultsResource(Faults faults) {
        this.faults = faults;
    }

    /** Answers the fault as queued, defaults filled in. */
    @POST
    public Fault add(FaultRequest request) {
        InvalidSimRequest.require(request != null && request.api() != null
                && (Fault.ANY_API.equals(request.api()) || Api.byWireName(request.api()).isPresent()),
                "api must be one of jscode2session, stable_token, token, getuserphonenumber, subscribe_send, *");
        int errcode = request.errcode() == null ? 0 : request.errcode();
        long delayMs = request.delayMs() == null ? 0 : request.delayMs();
        int times = request.times() == null ? 1 : request.times();
        InvalidSimRequest.require(delayMs >= 0 && delayMs <= MAX_DELAY_MS, "delayMs must be 0.." + MAX_DELAY_MS);
        InvalidSimRequest.require(times >= 1, "times must be at least 1");
        int httpStatus = request.httpStatus() == null ? Fault.NORMAL_STATUS : request.httpStatus();
        InvalidSimRequest.require(httpStatus == Fault.NORMAL_STATUS || (httpStatus >= 500 && httpStatus <= 599),
                "httpStatus must be 200 or 500..599");
        String errmsg = errcode == 0 ? "ok" : request.errmsg() != null ? request.errmsg() : WechatError.textOf(errcode);
        Fault fault = new Fault(request.api(), errcode, errmsg, delayMs, times, httpStatus);
        faults.add(fault);
        return fault;
    }

    @DELETE
    public void clear() {
        faults.clear();
    }
}
