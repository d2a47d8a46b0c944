package org.minzheng.counseling;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A marriage and family counselor or a duty lawyer: a staff member with the COUNSELOR role, booked through a
 * service point of their own (their duty) that belongs to the counseling room they serve. Name and introduction
 * are professional and public.
 */
@Entity
@Table(name = "counselor")
public class Counselor {

    public enum Profession {
        FAMILY_COUNSELOR, DUTY_LAWYER
    }

    /** 普通话, 粤语, English. */
    public enum Language {
        MANDARIN, CANTONESE, ENGLISH
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "staff_id")
    public Long staffId;
    /** The counselor's duty point: its COUNSELING slots are their sessions. */
    @Column(name = "service_point_id")
    public Long servicePointId;
    public String name;
    @Enumerated(EnumType.STRING)
    public Profession profession;
    public String introduction;

    /** Enum names, sorted. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] topics;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] languages;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] modes;

    public boolean active;

    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public int version;
}
