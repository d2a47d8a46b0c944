package org.minzheng.identity;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A WeChat user of the mini-program. Personal fields hold ciphertext only (see PersonalDataCipher). */
@Entity
@Table(name = "resident")
public class Resident {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String openid;
    public String unionid;

    @Column(name = "name_enc")
    public byte[] nameEnc;
    @Column(name = "id_number_enc")
    public byte[] idNumberEnc;
    @Column(name = "id_number_index")
    public byte[] idNumberIndex;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    @Enumerated(EnumType.STRING)
    public IdNumber.Sex sex;
    @Column(name = "identity_verified_at")
    public Instant identityVerifiedAt;

    @Column(name = "phone_enc")
    public byte[] phoneEnc;
    @Column(name = "phone_index")
    public byte[] phoneIndex;

    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_login_at")
    public Instant lastLoginAt;

    @Version
    public int version;

    public boolean identityVerified() {
        return identityVerifiedAt != null;
    }
}
