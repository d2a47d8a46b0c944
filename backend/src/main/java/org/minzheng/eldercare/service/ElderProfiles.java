package org.minzheng.eldercare.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.time.SqlTimes;
import org.minzheng.eldercare.Disability;
import org.minzheng.eldercare.ElderProfile;

/**
 * What people declared for elderly services, by the blind index of their ID number: the resident for
 * themselves or a dependant; staff verify it against the documents in front of them. A declaration that
 * changes what was verified is unverified again.
 */
@ApplicationScoped
public class ElderProfiles {

    static final String COLUMN = "elder_profile.profile";

    /** The sealed part. */
    public record Declared(String hukouRegion, Disability disability, List<String> groups) {
    }

    private final PersonalDataCipher cipher;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final Clock clock;

    public ElderProfiles(PersonalDataCipher cipher, ObjectMapper json, AuditLog audit, Clock clock) {
        this.cipher = cipher;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<ElderProfile> of(byte[] idNumberIndex) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT profile_enc, verified_at FROM elder_profile WHERE id_number_index = :person", Object[].class)
                .setParameter("person", idNumberIndex).getSingleResultOrNull()))
                .map(r -> r == null ? ElderProfile.NONE : profile(read((byte[]) r[0]), r[1] == null ? null : SqlTimes.instant(r[1])));
    }

    /** The person's own (or their family's) word; unverified unless it says what staff verified. */
    public Uni<ElderProfile> declare(long residentId, byte[] idNumberIndex, Declared declared) {
        return of(idNumberIndex).flatMap(current -> {
            boolean same = current.verified() && declared.equals(new Declared(current.hukouRegion(), current.disability(),
                    current.groups()));
            Instant verifiedAt = same ? current.verifiedAt() : null;
            return save(idNumberIndex, declared, verifiedAt, null, same, Actor.resident(residentId), "ELDER_PROFILE_DECLARED")
                    .replaceWith(profile(declared, verifiedAt));
        });
    }

    /** Staff checked the documents: what they saw is the profile now, verified. */
    public Uni<ElderProfile> verify(long staffId, byte[] idNumberIndex, Declared seen) {
        Instant now = clock.instant();
        return save(idNumberIndex, seen, now, staffId, false, Actor.staff(staffId), "ELDER_PROFILE_VERIFIED")
                .replaceWith(profile(seen, now));
    }

    private Uni<Void> save(byte[] index, Declared declared, Instant verifiedAt, Long verifiedBy, boolean keepVerifier, Actor actor,
            String action) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO elder_profile (id_number_index, profile_enc, declared_at, verified_at, verified_by)
                VALUES (:person, :profile, :now, :verifiedAt, :verifiedBy)
                ON CONFLICT (id_number_index) DO UPDATE SET profile_enc = excluded.profile_enc, declared_at = excluded.declared_at,
                    verified_at = excluded.verified_at,
                    verified_by = CASE WHEN :keep THEN elder_profile.verified_by ELSE excluded.verified_by END,
                    version = elder_profile.version + 1""")
                .setParameter("person", index).setParameter("profile", cipher.seal(COLUMN, write(declared)))
                .setParameter("now", clock.instant()).setParameter("verifiedAt", verifiedAt)
                .setParameter("verifiedBy", verifiedBy).setParameter("keep", keepVerifier).executeUpdate())
                .call(() -> audit.record(actor, action, subject(index), null)))
                .replaceWithVoid();
    }

    /** Names the person in the audit log by (a prefix of) their keyed blind index, which tells nothing by itself. */
    private static String subject(byte[] idNumberIndex) {
        return "elder-profile:" + java.util.HexFormat.of().formatHex(idNumberIndex, 0, Math.min(8, idNumberIndex.length));
    }

    private static ElderProfile profile(Declared d, Instant verifiedAt) {
        return new ElderProfile(d.hukouRegion(), d.disability(), d.groups(), verifiedAt);
    }

    private Declared read(byte[] sealed) {
        try {
            return json.readValue(cipher.open(COLUMN, sealed), Declared.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable elder profile", e);
        }
    }

    private String write(Declared d) {
        try {
            return json.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
