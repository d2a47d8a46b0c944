package org.minzheng.identity.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DatabaseErrors;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.Dependant;
import org.minzheng.identity.IdNumber;
import org.minzheng.identity.repository.DependantRepository;
import org.minzheng.identity.repository.ResidentRepository;

/** Family members a resident acts for (亲属代办): added with consent, revocable, audited. */
@ApplicationScoped
public class Dependants {

    /** Decrypted, for masking in the REST layer. */
    public record View(long id, String name, String idNumber, IdNumber.Sex sex, Dependant.Relation relation,
            java.time.Instant createdAt, java.time.Instant revokedAt) {
    }

    private final DependantRepository dependants;
    private final ResidentRepository residents;
    private final PersonalDataCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    public Dependants(DependantRepository dependants, ResidentRepository residents, PersonalDataCipher cipher,
            AuditLog audit, Clock clock) {
        this.dependants = dependants;
        this.residents = residents;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<View> add(long residentId, String name, String rawIdNumber, Dependant.Relation relation, String consent) {
        IdNumber idNumber = IdNumber.parse(rawIdNumber, LocalDate.now(clock), "idNumber");
        byte[] index = cipher.blindIndex(PersonalFields.ID_NUMBER, idNumber.value());
        return Panache.withTransaction(() -> residents.findById(residentId)
                .flatMap(resident -> {
                    if (resident != null && Arrays.equals(resident.idNumberIndex, index)) {
                        throw new DomainException(409, "DEPENDANT_IS_SELF");
                    }
                    return dependants.findActive(residentId, index);
                })
                .flatMap(existing -> {
                    if (existing != null) {
                        throw new DomainException(409, "DEPENDANT_EXISTS");
                    }
                    Dependant d = new Dependant();
                    d.residentId = residentId;
                    d.nameEnc = cipher.seal(PersonalFields.DEPENDANT_NAME, name.strip());
                    d.idNumberEnc = cipher.seal(PersonalFields.DEPENDANT_ID_NUMBER, idNumber.value());
                    d.idNumberIndex = index;
                    d.birthDate = idNumber.birthDate();
                    d.sex = idNumber.sex();
                    d.relation = relation;
                    d.consentStatementEnc = cipher.seal(PersonalFields.DEPENDANT_CONSENT, consent.strip());
                    d.createdAt = clock.instant();
                    return dependants.persistAndFlush(d);
                })
                .call(d -> audit.record(Actor.resident(residentId), "DEPENDANT_ADDED",
                        "dependant:" + d.id, null)))
                .onFailure(DatabaseErrors::uniqueViolation).transform(f -> new DomainException(409, "DEPENDANT_EXISTS"))
                .map(this::viewOf);
    }

    public Uni<List<View>> list(long residentId, boolean includeRevoked) {
        return Panache.withSession(() -> dependants.listOf(residentId, includeRevoked))
                .map(list -> list.stream().map(this::viewOf).toList());
    }

    public Uni<View> get(long residentId, long dependantId) {
        return Panache.withSession(() -> owned(residentId, dependantId)).map(this::viewOf);
    }

    /** Ends the power to act for them from now on; the record stays as history. Idempotent. */
    public Uni<Void> revoke(long residentId, long dependantId) {
        return Panache.withTransaction(() -> owned(residentId, dependantId).flatMap(d -> {
            if (!d.active()) {
                return Uni.createFrom().voidItem();
            }
            d.revokedAt = clock.instant();
            return dependants.flush().call(() -> audit.record(Actor.resident(residentId),
                    "DEPENDANT_REVOKED", "dependant:" + d.id, null)).replaceWithVoid();
        }));
    }

    /** Another resident's dependant is "not found", so ids cannot be probed. */
    private Uni<Dependant> owned(long residentId, long dependantId) {
        return dependants.findOwned(residentId, dependantId)
                .onItem().ifNull().failWith(() -> new DomainException(404, "DEPENDANT_NOT_FOUND"));
    }

    private View viewOf(Dependant d) {
        return new View(d.id, cipher.open(PersonalFields.DEPENDANT_NAME, d.nameEnc),
                cipher.open(PersonalFields.DEPENDANT_ID_NUMBER, d.idNumberEnc), d.sex, d.relation, d.createdAt, d.revokedAt);
    }
}
