package org.minzheng.wechatsim;

/**
 * A failure queued for the next {@code times} calls of an API ({@code "*"} for any): answer
 * {@code errcode} after sleeping {@code delayMs}; errcode 0 only delays a normal answer.
 */
public record Fault(String api, int errcode, String errmsg, long delayMs, int times) {

    public static final String ANY_API = "*";

    boolean appliesTo(Api called) {
        return ANY_API.equals(api) || called.wireName().equals(api);
    }

    boolean isError() {
        return errcode != 0;
    }

    Fault onceLess() {
        return new Fault(api, errcode, errmsg, delayMs, times - 1);
    }
}
