package org.minzheng.casework;

import java.util.Set;

/**
 * What documents an application of a type takes: the media types its files may be (as their content shows,
 * never as their names say), how large one may be, how many it may hold, and the kinds an uploader may name
 * (empty: any kind).
 */
public record DocumentRules(Set<String> mediaTypes, long maxBytes, int maxCount, Set<String> kinds) {

    /** Scans and photos of certificates: PDF, JPEG or PNG, up to 10 MiB each, 20 in all, of any kind. */
    public static final DocumentRules DEFAULT = new DocumentRules(Set.of("application/pdf", "image/jpeg", "image/png"),
            10L * 1024 * 1024, 20, Set.of());

    public DocumentRules {
        mediaTypes = Set.copyOf(mediaTypes);
        kinds = Set.copyOf(kinds);
        if (mediaTypes.isEmpty() || maxBytes < 1 || maxCount < 1) {
            throw new IllegalArgumentException("document rules take some media type, size and count");
        }
    }

    public boolean acceptsKind(String kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }
}
