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
 * canteen, a place of the elder-care network. Deactivated rather than deleted, so bookings and history keep
 * pointing at it.
 */
@Entity
@Table(name = "service_point")
public class ServicePoint {

    /**
     * COUNSELOR_DUTY: one counselor's sessions, belonging to the counseling room they serve. The elder-care
     * network's four levels: the district's guidance centre, street 长者服务中心, community 社区长者服务站,
     * neighbourhood 小区长者服务点.
     */
    public enum Kind {
        OFFICE, HALL, CEMETERY, CEMETERY_GATE, COUNSELING_ROOM, COUNSELOR_DUTY, CANTEEN, ELDER_CARE_DISTRICT, ELDER_CARE_CENTRE,
        ELDER_CARE_STATION, ELDER_CARE_POINT;

        public static final java.util.Set<Kind> ELDER_CARE = java.util.EnumSet.of(ELDER_CARE_DISTRICT, ELDER_CARE_CENTRE,
                ELDER_CARE_STATION, ELDER_CARE_POINT);
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
    /** As shown to residents, e.g. 周一至周五 08:30-17:30. */
    @Column(name = "opening_hours")
    public String openingHours;
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
