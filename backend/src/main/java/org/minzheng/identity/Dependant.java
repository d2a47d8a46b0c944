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

/**
 * A family member a resident acts for (亲属代办), e.g. an elderly parent without WeChat. Revoking keeps
 * the row as history and ends the power to act for them from then on.
 */
@Entity
@Table(name = "dependant")
public class Dependant {

    public enum Relation {
        SPOUSE, PARENT, CHILD, GRANDPARENT, GRANDCHILD, SIBLING, PARENT_IN_LAW, OTHER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "resident_id")
    public Long residentId;

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
    @Enumerated(EnumType.STRING)
    public Relation relation;
    @Column(name = "consent_statement_enc")
    public byte[] consentStatementEnc;

    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean active() {
        return revokedAt == null;
    }
}
