package org.minzheng.casework;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An application moving through its type's workflow; the form is sealed (it holds incomes and households). */
@Entity
@Table(name = "application")
public class Application {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String type;
    @Column(name = "applicant_id")
    public Long applicantId;
    /** The jurisdiction: the street that handles it. */
    @Column(name = "street_code")
    public String streetCode;
    public String status;
    @Version
    public int version;
    /** The staff member who claimed it; actions are theirs until an admin reassigns it. */
    @Column(name = "assignee_id")
    public Long assigneeId;
    /** When its current state's time runs out; null where the state has none (a draft, a decision). */
    @Column(name = "due_at")
    public Instant dueAt;
    /** When it first left its draft; staff never see an application without one. */
    @Column(name = "submitted_at")
    public Instant submittedAt;
    /** After a timed transition failed: not tried again before this. */
    @Column(name = "timer_retry_at")
    public Instant timerRetryAt;
    @Column(name = "form_enc")
    public byte[] formEnc;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
