package org.minzheng.memorial;

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

/**
 * 代祭扫: a resident's request that a cemetery's staff sweep a grave for them on a day. The texts are
 * sealed with {@link org.minzheng.common.crypto.PersonalDataCipher} under the column names in
 * {@link #GRAVE_LOCATION} and the others; only the services open them.
 */
@Entity
@Table(name = "proxy_sweep")
public class ProxySweep {

    public enum Status {
        REQUESTED, DONE, CANCELLED
    }

    /** Column names, bound into each ciphertext as associated data. */
    public static final String RESIDENT_NAME = "proxy_sweep.resident_name";
    public static final String GRAVE_LOCATION = "proxy_sweep.grave_location";
    public static final String MESSAGE = "proxy_sweep.message";
    public static final String NOTE = "proxy_sweep.note";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "resident_id")
    public long residentId;
    @Column(name = "cemetery_id")
    public long cemeteryId;
    public LocalDate day;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "resident_name_enc")
    public byte[] residentNameEnc;
    @Column(name = "grave_location_enc")
    public byte[] graveLocationEnc;
    @Column(name = "message_enc")
    public byte[] messageEnc;
    @Column(name = "note_enc")
    public byte[] noteEnc;
    /** An opaque reference to the photo the staff took (stored elsewhere), not personal in itself. */
    @Column(name = "photo_ref")
    public String photoRef;
    @Column(name = "done_by")
    public Long doneBy;
    @Column(name = "done_at")
    public Instant doneAt;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;

    @Override
    public String toString() {
        return "ProxySweep[" + id + "]"; // never the sealed texts, even as bytes
    }
}
