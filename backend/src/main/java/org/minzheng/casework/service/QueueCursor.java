package org.minzheng.casework.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/**
 * Where a queue page ended, in the queue's own order (due date, id), carried in the cursor itself: a case
 * whose due date moves between two pages cannot shift the next page, and no other row is looked up.
 */
public record QueueCursor(Instant dueAt, long id) {

    public static QueueCursor after(Instant dueAt, long id) {
        return new QueueCursor(dueAt, id);
    }

    public String encode() {
        String raw = "q" + (dueAt == null ? "-" : dueAt.getEpochSecond() + "." + dueAt.getNano()) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** Null for the first page; 400 INVALID_CURSOR for one we did not make. */
    public static QueueCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (raw.startsWith("q") && raw.contains(":")) {
                String due = raw.substring(1, raw.indexOf(':'));
                long id = Long.parseLong(raw.substring(raw.indexOf(':') + 1));
                if (due.equals("-")) {
                    return new QueueCursor(null, id);
                }
                String[] parts = due.split("\\.");
                return new QueueCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), id);
            }
        } catch (RuntimeException e) {
            // falls through
        }
        throw new DomainException(400, "INVALID_CURSOR", List.of(new FieldError("cursor", "INVALID_CURSOR", null)), Map.of());
    }
}
