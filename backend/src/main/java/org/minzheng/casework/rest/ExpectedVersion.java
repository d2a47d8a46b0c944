package org.minzheng.casework.rest;

import java.util.List;
import java.util.Map;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/** The version a caller saw: the body's {@code version}, else the {@code If-Match} header ("3" or W/"3"). */
final class ExpectedVersion {

    private ExpectedVersion() {
    }

    static int of(Integer bodyVersion, String ifMatch) {
        if (bodyVersion != null) {
            return bodyVersion;
        }
        if (ifMatch != null) {
            String tag = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
            try {
                return Integer.parseInt(tag);
            } catch (NumberFormatException e) {
                // fall through: an unreadable tag is as good as none
            }
        }
        throw new DomainException(428, "VERSION_REQUIRED", List.of(new FieldError("version", "VERSION_REQUIRED", null)),
                Map.of());
    }
}
