package org.minzheng.common.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/** Opaque list cursors ({@code ?cursor=}) and bounded page sizes ({@code ?limit=}). */
public final class Cursor {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private Cursor() {
    }

    public static String encode(long key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("k" + key).getBytes(StandardCharsets.US_ASCII));
    }

    /** Null for no cursor (the first page); 400 {@code INVALID_CURSOR} for one we did not make. */
    public static Long decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (raw.startsWith("k")) {
                return Long.parseLong(raw.substring(1));
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new DomainException(400, "INVALID_CURSOR", List.of(new FieldError("cursor", "INVALID_CURSOR", null)), Map.of());
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new DomainException(400, "INVALID_LIMIT", List.of(new FieldError("limit", "INVALID_LIMIT", null)),
                    Map.of(), MAX_LIMIT);
        }
        return requested;
    }
}
