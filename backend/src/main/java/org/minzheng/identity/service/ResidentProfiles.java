package org.minzheng.identity.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DatabaseErrors;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.IdNumber;
import org.minzheng.identity.Resident;
import org.minzheng.identity.repository.ResidentRepository;
import org.minzheng.wechat.WeChatAccessToken;
import org.minzheng.wechat.WeChatClient;

/** A resident's own profile: real-name verification and the phone bound through WeChat. */
@ApplicationScoped
public class ResidentProfiles {

    /** The decrypted profile, for masking in the REST layer; never logged. */
    public record Profile(long id, boolean verified, String name, String idNumber, IdNumber.Sex sex, String phone) {
    }

    private final ResidentRepository residents;
    private final PersonalDataCipher cipher;
    private final WeChatClient wechat;
    private final WeChatAccessToken accessToken;
    private final AuditLog audit;
    private final Clock clock;

    public ResidentProfiles(ResidentRepository residents, PersonalDataCipher cipher, WeChatClient wechat,
            WeChatAccessToken accessToken, AuditLog audit, Clock clock) {
        this.residents = residents;
        this.cipher = cipher;
        this.wechat = wechat;
        this.accessToken = accessToken;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<Profile> profile(long residentId) {
        return Panache.withSession(() -> find(residentId)).map(this::profileOf);
    }

    /**
     * Binds the resident's real name and ID number. Idempotent for the same number; a different number
     * after verification, or a number another account verified, is refused.
     */
    public Uni<Profile> verify(long residentId, String name, String rawIdNumber) {
        IdNumber idNumber = IdNumber.parse(rawIdNumber, LocalDate.now(clock), "idNumber");
        byte[] index = cipher.blindIndex(PersonalFields.ID_NUMBER, idNumber.value());
        return Panache.withTransaction(() -> find(residentId).flatMap(resident -> {
            if (resident.identityVerified()) {
                if (Arrays.equals(resident.idNumberIndex, index)) {
                    return Uni.createFrom().item(resident);
                }
                throw new DomainException(409, "IDENTITY_ALREADY_VERIFIED");
            }
            return residents.findByIdNumberIndex(index).flatMap(holder -> {
                if (holder != null) {
                    throw new DomainException(409, "ID_NUMBER_TAKEN");
                }
                resident.nameEnc = cipher.seal(PersonalFields.RESIDENT_NAME, name.strip());
                resident.idNumberEnc = cipher.seal(PersonalFields.RESIDENT_ID_NUMBER, idNumber.value());
                resident.idNumberIndex = index;
                resident.birthDate = idNumber.birthDate();
                resident.sex = idNumber.sex();
                resident.identityVerifiedAt = clock.instant();
                return residents.flush()
                        .call(() -> audit.record(Actor.resident(residentId),
                                "IDENTITY_VERIFIED", "resident:" + residentId, null))
                        .replaceWith(resident);
            });
        }))
                // two accounts racing for one number: the unique index decides, the loser hears why
                .onFailure(DatabaseErrors::uniqueViolation).transform(f -> new DomainException(409, "ID_NUMBER_TAKEN"))
                .map(this::profileOf);
    }

    /** Stores the phone number WeChat vouches for, given the code from {@code getPhoneNumber}. */
    public Uni<Profile> bindPhone(long residentId, String phoneCode) {
        return accessToken.withToken(token -> wechat.phoneNumber(token, phoneCode))
                .flatMap(phone -> Panache.withTransaction(() -> find(residentId).flatMap(resident -> {
                    resident.phoneEnc = cipher.seal(PersonalFields.RESIDENT_PHONE, phone.number());
                    resident.phoneIndex = cipher.blindIndex(PersonalFields.PHONE, phone.number());
                    return residents.flush().replaceWith(resident);
                })))
                .map(this::profileOf);
    }

    private Uni<Resident> find(long residentId) {
        // a token for a resident that no longer exists: treat like no session
        return residents.findById(residentId).onItem().ifNull().failWith(() -> new DomainException(401, "UNAUTHORIZED"));
    }

    private Profile profileOf(Resident r) {
        return new Profile(r.id, r.identityVerified(), cipher.open(PersonalFields.RESIDENT_NAME, r.nameEnc),
                cipher.open(PersonalFields.RESIDENT_ID_NUMBER, r.idNumberEnc), r.sex,
                cipher.open(PersonalFields.RESIDENT_PHONE, r.phoneEnc));
    }
}
