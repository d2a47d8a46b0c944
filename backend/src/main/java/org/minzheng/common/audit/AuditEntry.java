package org.minzheng.common.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** One row of the append-only audit log (the database refuses updates and deletes). */
@Entity
@Immutable
@Table(name = "audit_log")
public class AuditEntry {

    public enum ActorKind {
        RESIDENT, STAFF, SYSTEM
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant at;

    @Column(name = "actor_kind")
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public ActorKind actorKind;

    @Column(name = "actor_id")
    public String actorId;

    /** What was done, e.g. {@code REVEAL_ID_NUMBER}, {@code STAFF_DISABLED}. */
    public String action;

    /** What it was done to, as a reference such as {@code resident:42}; never personal data. */
    public String subject;

    /** The reason a staff member gave, for reveals. */
    public String purpose;

    @Column(name = "request_id")
    public String requestId;
}
