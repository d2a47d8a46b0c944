package org.minzheng.identity.service;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.IdNumber;
import org.minzheng.identity.repository.DependantRepository;
import org.minzheng.identity.repository.ResidentRepository;

/**
 * The verified person a resident acts for: themselves, or one of their active dependants (亲属代办).
 * Other capabilities (bookings, applications) name people only through this.
 */
@ApplicationScoped
public class People {

    /**
     * A real-name verified person. {@code idNumberIndex} is the keyed blind index other capabilities
     * store for "one per person" rules; {@code reference} ({@code resident:7}, {@code dependant:9}) is
     * what they store to find the person again.
     */
    public record Person(String reference, String name, String idNumber, byte[] idNumberIndex, LocalDate birthDate,
            IdNumber.Sex sex) {

        @Override
        public String toString() {
            return "Person[" + reference + "]"; // never personal data
        }
    }

    private final ResidentRepository residents;
    private final DependantRepository dependants;
    private final PersonalDataCipher cipher;

    public People(ResidentRepository residents, DependantRepository dependants, PersonalDataCipher cipher) {
        this.residents = residents;
        this.dependants = dependants;
        this.cipher = cipher;
    }

    /**
     * The resident themselves when {@code dependantId} is null, else their active dependant. A revoked or
     * someone else's dependant is 404 {@code DEPENDANT_NOT_FOUND}; an unverified resident is 409
     * {@code IDENTITY_NOT_VERIFIED} (only verified residents act, for themselves or others).
     */
    public Uni<Person> actingFor(long residentId, Long dependantId) {
        return Panache.withSession(() -> residents.findById(residentId).flatMap(resident -> {
            if (resident == null || !resident.identityVerified()) {
                throw new DomainException(409, "IDENTITY_NOT_VERIFIED");
            }
            if (dependantId == null) {
                return Uni.createFrom().item(new Person("resident:" + resident.id,
                        cipher.open(PersonalFields.RESIDENT_NAME, resident.nameEnc),
                        cipher.open(PersonalFields.RESIDENT_ID_NUMBER, resident.idNumberEnc), resident.idNumberIndex,
                        resident.birthDate, resident.sex));
            }
            return dependants.findOwned(residentId, dependantId).map(d -> {
                if (d == null || !d.active()) {
                    throw new DomainException(404, "DEPENDANT_NOT_FOUND");
                }
                return new Person("dependant:" + d.id, cipher.open(PersonalFields.DEPENDANT_NAME, d.nameEnc),
                        cipher.open(PersonalFields.DEPENDANT_ID_NUMBER, d.idNumberEnc), d.idNumberIndex, d.birthDate, d.sex);
            });
        }));
    }
}
