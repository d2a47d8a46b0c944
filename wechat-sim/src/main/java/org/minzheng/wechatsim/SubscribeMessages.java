package org.minzheng.wechatsim;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

/**
 * Every subscribe message WeChat would have delivered, oldest first. msgids count up from a fixed
 * start so runs are repeatable.
 */
@Singleton
public class SubscribeMessages {

    private static final long FIRST_MSGID = 1_000_000_001L;

    private final List<RecordedMessage> messages = new ArrayList<>();
    private long nextMsgid = FIRST_MSGID;

    synchronized RecordedMessage record(SubscribeMessage message) {
        RecordedMessage recorded = RecordedMessage.of(nextMsgid++, message);
        messages.add(recorded);
        return recorded;
    }

    /** To one openid, or to anyone when {@code touser} is null. */
    synchronized List<RecordedMessage> sentTo(String touser) {
        return messages.stream().filter(m -> touser == null || touser.equals(m.touser())).toList();
    }

    synchronized void clear() {
        messages.clear();
    }

    /** Also restarts the msgids. */
    synchronized void reset() {
        messages.clear();
        nextMsgid = FIRST_MSGID;
    }
}
