package org.minzheng.identity.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.repository.DependantRepository;
import org.minzheng.identity.repository.ResidentRepository;

/**
 * The one way staff see personal data unmasked: one field of one person, with a stated purpose,
 * recorded in the audit log in the same transaction (no audit row, no answer).
 */
@ApplicationScoped
public class PersonalDataReveal {

    public enum SubjectType {
        RESIDENT, DEPENDANT
    }

    public enum Field {
        NAME, ID_NUMBER, PHONE
    }

    private final ResidentRepository residents;
    private final DependantRepository dependants;
    private final PersonalDataCipher cipher;
    private final AuditLog audit;

    public PersonalDataReveal(ResidentRepository residents, DependantRepository dependants, PersonalDataCipher cipher,
            AuditLog audit) {
        this.residents = residents;
        this.dependants = dependants;
        this.cipher = cipher;
        this.audit = audit;
    }

    public Uni<String> reveal(long staffId, SubjectType type, long subjectId, Field field, String purpose) {
        String subject = type.name().toLowerCase(java.util.Locale.ROOT) + ":" + subjectId;
        return Panache.withTransaction(() -> plaintext(type, subjectId, field)
                .call(value -> audit.record(Actor.staff(staffId), "REVEAL_" + field.name(),
                        subject, purpose.strip())));
    }

    private Uni<String> plaintext(SubjectType type, long id, Field field) {
        Uni<String> value = switch (type) {
            case RESIDENT -> residents.findById(id).map(r -> r == null ? null : switch (field) {
                case NAME -> present(cipher.open(PersonalFields.RESIDENT_NAME, r.nameEnc));
                case ID_NUMBER -> present(cipher.open(PersonalFields.RESIDENT_ID_NUMBER, r.idNumberEnc));
                case PHONE -> present(cipher.open(PersonalFields.RESIDENT_PHONE, r.phoneEnc));
            });
            case DEPENDANT -> dependants.findById(id).map(d -> d == null ? null : switch (field) {
                case NAME -> cipher.open(PersonalFields.DEPENDANT_NAME, d.nameEnc);
                case ID_NUMBER -> cipher.open(PersonalFields.DEPENDANT_ID_NUMBER, d.idNumberEnc);
                case PHONE -> throw new DomainException(404, "FIELD_NOT_SET");
            });
        };
        return value.onItem().ifNull().failWith(() -> new DomainException(404, "SUBJECT_NOT_FOUND"));
    }

    private static String present(String value) {
        if (value == null) {
            throw new DomainException(404, "FIELD_NOT_SET");
        }
        return value;
    }
}
