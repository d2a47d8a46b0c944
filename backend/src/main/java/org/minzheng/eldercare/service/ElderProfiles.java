package org.minzheng.eldercare.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.time.SqlTimes;
import org.minzheng.eldercare.Disability;
import org.minzheng.eldercare.ElderProfile;

/**
 * What a family declared for an elder (itself, or a dependant) for elderly services, and what staff verified
 * for that family within one of its applications. Kept per family: whoever names the same person as a
 * dependant starts from nothing, changes nothing of another family's and learns nothing from it. A
 * declaration that changes what was verified is unverified again.
 */
@ApplicationScoped
public class ElderProfiles {

    static final String COLUMN = "elder_profile.profile";

    /** The sealed part (disability is health data); JSON inside the cipher, so registered for reflection (native). */
    @RegisterForReflection(registerFullHierarchy = true)
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

    public Uni<ElderProfile> of(long residentId, byte[] person) {
        return Panache.withSession(() -> read(residentId, person, false));
    }

    /** The family's word, in one transaction with what it replaces; unverified unless it says what staff verified. */
    public Uni<ElderProfile> declare(long residentId, byte[] person, Declared declared) {
        return Panache.withTransaction(() -> read(residentId, person, true).flatMap(current -> {
            boolean same = current.verified() && declared.equals(new Declared(current.hukouRegion(), current.disability(),
                    current.groups()));
            Instant verifiedAt = same ? current.verifiedAt() : null;
            return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                    INSERT INTO elder_profile (resident_id, id_number_index, profile_enc, declared_at) VALUES (:resident, :person, :profile, :now)
                    ON CONFLICT (resident_id, id_number_index) DO UPDATE SET profile_enc = excluded.profile_enc,
                        declared_at = excluded.declared_at,
                        verified_at = CASE WHEN :same THEN elder_profile.verified_at END,
                        verified_by = CASE WHEN :same THEN elder_profile.verified_by END,
                        verified_in_application = CASE WHEN :same THEN elder_profile.verified_in_application END""")
                    .setParameter("resident", residentId).setParameter("person", person)
                    .setParameter("profile", seal(declared)).setParameter("now", clock.instant()).setParameter("same", same)
                    .executeUpdate())
                    .call(() -> audit.record(Actor.resident(residentId), "ELDER_PROFILE_DECLARED", subject(person), null))
                    .replaceWith(profile(declared, verifiedAt));
        }));
    }

    /** Staff saw the documents within the family's application {@code applicationId}: what they saw is the profile, verified. */
    public Uni<ElderProfile> verify(long staffId, long applicationId, long residentId, byte[] person, Declared seen) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO elder_profile (resident_id, id_number_index, profile_enc, declared_at, verified_at, verified_by,
                                           verified_in_application)
                VALUES (:resident, :person, :profile, :now, :now, :staff, :application)
                ON CONFLICT (resident_id, id_number_index) DO UPDATE SET profile_enc = excluded.profile_enc,
                    verified_at = excluded.verified_at, verified_by = excluded.verified_by,
                    verified_in_application = excluded.verified_in_application""")
                .setParameter("resident", residentId).setParameter("person", person).setParameter("profile", seal(seen))
                .setParameter("now", now).setParameter("staff", staffId).setParameter("application", applicationId)
                .executeUpdate())
                .call(() -> audit.record(Actor.staff(staffId), "ELDER_PROFILE_VERIFIED", "application:" + applicationId, null)))
                .replaceWith(profile(seen, now));
    }

    private Uni<ElderProfile> read(long residentId, byte[] person, boolean lock) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT profile_enc, verified_at FROM elder_profile WHERE resident_id = :resident AND id_number_index = :person"
                        + (lock ? " FOR UPDATE" : ""), Object[].class)
                .setParameter("resident", residentId).setParameter("person", person).getSingleResultOrNull())
                .map(r -> r == null ? ElderProfile.NONE : profile(open((byte[]) r[0]), r[1] == null ? null : SqlTimes.instant(r[1])));
    }

    /** Names the person in the audit log by a prefix of their keyed blind index, which tells nothing by itself. */
    private static String subject(byte[] person) {
        return "elder-profile:" + java.util.HexFormat.of().formatHex(person, 0, Math.min(8, person.length));
    }

    private static ElderProfile profile(Declared d, Instant verifiedAt) {
        return new ElderProfile(d.hukouRegion(), d.disability(), d.groups(), verifiedAt);
    }

    private Declared open(byte[] sealed) {
        try {
            return json.readValue(cipher.open(COLUMN, sealed), Declared.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable elder profile", e);
        }
    }

    private byte[] seal(Declared d) {
        try {
            return cipher.seal(COLUMN, json.writeValueAsString(d));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
