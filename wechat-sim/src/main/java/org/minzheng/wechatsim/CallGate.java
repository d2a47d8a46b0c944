package org.minzheng.wechatsim;

import java.util.Optional;

import jakarta.inject.Singleton;

import io.quarkus.logging.Log;

/**
 * Where every WeChat call starts: it is counted, then meets the next queued fault for its API, if any,
 * before any validation, as a real outage or rate limit would hit regardless of the request.
 */
@Singleton
public class CallGate {

    private final CallCounts counts;
    private final Faults faults;

    CallGate(CallCounts counts, Faults faults) {
        this.counts = counts;
        this.faults = faults;
    }

    /**
     * The fault's error to answer instead, or empty to go on normally.
     *
     * @throws GatewayFailure for an HTTP fault, which no WeChat body can express
     */
    Optional<WechatError> enter(Api api) {
        counts.increment(api);
        Optional<Fault> fault = faults.take(api);
        if (fault.isEmpty()) {
            return Optional.empty();
        }
        Log.infof("Applying fault %s to %s", fault.get(), api.wireName());
        sleep(fault.get().delayMs());
        if (fault.get().isHttpFailure()) {
            throw new GatewayFailure(fault.get().httpStatus());
        }
        return fault.filter(Fault::isError).map(f -> new WechatError(f.errcode(), f.errmsg()));
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
