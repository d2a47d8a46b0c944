package org.minzheng.booking;

import java.time.Instant;
import java.util.Arrays;

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
 * Where a service is given: a registry office, a ceremony hall, a cemetery gate, a counseling room, a
 * canteen. Deactivated rather than deleted, so bookings and history keep pointing at it.
 */
@Entity
@Table(name = "service_point")
public class ServicePoint {

    public enum Kind {
        OFFICE, HALL, CEMETERY, CEMETERY_GATE, COUNSELING_ROOM, CANTEEN, ELDER_CARE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public Kind kind;
    public String name;
    @Column(name = "street_code")
    public String streetCode;
    public String address;
    public Double latitude;
    public Double longitude;
    public String phone;
    /** The site this point belongs to, e.g. a gate's cemetery; null for a point standing alone. */
    @Column(name = "site_id")
    public Long siteId;

    /** The service types offered here, e.g. {@code MARRIAGE_REGISTRATION}; sorted, no duplicates. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "service_types")
    public String[] serviceTypes;

    public boolean active;

    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public int version;

    public boolean offers(String serviceType) {
        return Arrays.asList(serviceTypes).contains(serviceType);
    }
}
