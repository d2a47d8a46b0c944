package org.minzheng.worker;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of the {@code notify:outbox} stream as the backend's relay writes it: the outbox row's dedup
 * key, template key and recipient, and the WeChat message it becomes (absent: the inbox is enough).
 */
public record OutboxMessage(String entryId, String dedupKey, String templateKey, long residentId,
        Optional<String> wechat, Map<String, String> fields) {

    /** IllegalArgumentException for an entry the relay could not have written. */
    static OutboxMessage of(String entryId, Map<String, String> fields) {
        String dedupKey = fields.get("dedupKey");
        String templateKey = fields.get("templateKey");
        String residentId = fields.get("residentId");
        if (dedupKey == null || templateKey == null || residentId == null) {
            throw new IllegalArgumentException("incomplete outbox entry");
        }
        return new OutboxMessage(entryId, dedupKey, templateKey, Long.parseLong(residentId),
                Optional.ofNullable(fields.get("wechat")), Map.copyOf(fields));
    }
}
