package org.minzheng.casework;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A document on an application: what it is (its kind, as the uploader named it, and its media type, as its
 * bytes showed), who uploaded it and when; the bytes themselves are in the document store under
 * {@code storageKey}. No file name is kept: a phone's are temporary names that say nothing, a person's may say
 * too much.
 */
@Entity
@Table(name = "application_document")
public class ApplicationDocument {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "application_id")
    public Long applicationId;
    /** A short code such as {@code ID_CARD} or {@code INCOME_PROOF}. */
    public String kind;
    /** Sniffed from the content, never taken from the upload's name or declared type. */
    @Column(name = "media_type")
    public String mediaType;
    @Column(name = "size_bytes")
    public long sizeBytes;
    /** Hex SHA-256 of the content: the applicant and staff can tell they hold the same file. */
    public String sha256;
    @Column(name = "storage_key")
    public String storageKey;
    /** {@code RESIDENT} or {@code STAFF}. */
    @Column(name = "uploaded_by_kind")
    public String uploadedByKind;
    @Column(name = "uploaded_by_id")
    public Long uploadedById;
    @Column(name = "uploaded_at")
    public Instant uploadedAt;
    /** When its uploader removed it (its bytes went with it); null while it is part of the application. */
    @Column(name = "deleted_at")
    public Instant deletedAt;
}
