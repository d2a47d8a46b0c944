package org.minzheng.eldercare;

import java.time.Instant;
import java.util.List;

/**
 * What a person declared for elderly services, and whether staff verified it against their documents
 * (户口簿, the assessment, a certificate of a listed group). {@code hukouRegion}: the 6-digit region code of
 * the hukou. Sealed at rest: disability is health data.
 */
public record ElderProfile(String hukouRegion, Disability disability, List<String> groups, Instant verifiedAt) {

    public static final ElderProfile NONE = new ElderProfile(null, Disability.NONE, List.of(), null);

    public boolean verified() {
        return verifiedAt != null;
    }

    @Override
    public String toString() {
        return "ElderProfile[" + (verified() ? "verified" : "declared") + "]"; // never the health data
    }
}
