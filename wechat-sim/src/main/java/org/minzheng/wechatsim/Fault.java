package org.minzheng.wechatsim;

/**
 * A failure queued for the next {@code times} calls of an API ({@code "*"} for any): answer
 * {@code errcode} after sleeping {@code delayMs}; errcode 0 only delays a normal answer. An
 * {@code httpStatus} of 500 or more fails the call at the HTTP level instead, as WeChat's gateway does
 * in an outage, with no WeChat body at all.
 */
public record Fault(String api, int errcode, String errmsg, long delayMs, int times, int httpStatus) {

    public static final String ANY_API = "*";
    public static final int NORMAL_STATUS = 200;

    boolean appliesTo(Api called) {
        return ANY_API.equals(api) || called.wireName().equals(api);
    }

    boolean isError() {
        return errcode != 0;
    }

    boolean isHttpFailure() {
        return httpStatus >= 500;
    }

    Fault onceLess() {
        return new Fault(api, errcode, errmsg, delayMs, times - 1, httpStatus);
    }
}
