package org.minzheng.wechatsim;

import java.util.Arrays;
import java.util.Optional;

/** The WeChat APIs the sim serves, by the names tests use for faults and call counts. */
public enum Api {
    JSCODE2SESSION("jscode2session"),
    STABLE_TOKEN("stable_token"),
    TOKEN("token"),
    GETUSERPHONENUMBER("getuserphonenumber"),
    SUBSCRIBE_SEND("subscribe_send");

    private final String wireName;

    Api(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Api> byWireName(String name) {
        return Arrays.stream(values()).filter(api -> api.wireName.equals(name)).findFirst();
    }
}
