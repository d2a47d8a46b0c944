package org.minzheng.identity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A counter clerk, gate guard, caseworker, approver or administrator, scoped to points and streets. */
@Entity
@Table(name = "staff_account")
public class StaffAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "password_hash")
    public String passwordHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] roles;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "service_point_ids")
    public Long[] servicePointIds;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "street_codes")
    public String[] streetCodes;

    public boolean disabled;

    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public int version;
}
