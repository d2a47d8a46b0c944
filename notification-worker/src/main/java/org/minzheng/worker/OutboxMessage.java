package org.minzheng.worker;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of the {@code notify:outbox} stream as the backend's relay writes it: the outbox row's dedup
 * key, template key and recipient, and the WeChat message it becomes (absent: the inbox is enough).
 */
public record OutboxMessage(String entryId, String dedupKey, String templateKey, long residentId,
        Optional<String> wechat, Map<String, String> fields) {

    static OutboxMessage of(String entryId, Map<String, String> fields) {
        return new OutboxMessage(entryId, fields.get("dedupKey"), fields.get("templateKey"),
                Long.parseLong(fields.get("residentId")), Optional.ofNullable(fields.get("wechat")), Map.copyOf(fields));
    }
}
