package org.minzheng.booking.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.minzheng.common.time.SqlTimes;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.BookingStatus;
import org.minzheng.booking.BookingView;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.privacy.Masks;

/** Reads bookings as views (joined with their slot and people) in two queries, whatever the page size. */
@ApplicationScoped
public class BookingViews {

    private static final String SELECT = """
            SELECT b.id, b.reference, b.status, b.service_type, b.service_point_id, b.slot_id, b.day, s.starts_at,
                   s.ends_at, b.units, b.hold_until, b.created_at, CAST(b.details AS text), b.parking_units
            FROM booking b JOIN slot s ON s.id = b.slot_id
            """;

    private final PersonalDataCipher cipher;
    private final ObjectMapper json;

    public BookingViews(PersonalDataCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    /** Any booking by id, for staff (the caller checks the staff member's scope). */
    public Uni<BookingView> byId(long bookingId) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(SELECT
                + " WHERE b.id = :id", Object[].class).setParameter("id", bookingId).getResultList())
                .flatMap(this::withPeople))
                .map(list -> list.isEmpty() ? null : list.get(0));
    }

    public Uni<BookingView> byReference(String reference) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(SELECT
                + " WHERE b.reference = :ref", Object[].class).setParameter("ref", reference).getResultList())
                .flatMap(this::withPeople))
                .map(list -> list.isEmpty() ? null : list.get(0));
    }

    /** A service point's bookings of a day in time order, for its counter. */
    public Uni<List<BookingView>> ofPointAndDay(long servicePointId, LocalDate day) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(SELECT
                + " WHERE b.service_point_id = :point AND b.day = :day ORDER BY s.starts_at, b.id", Object[].class)
                .setParameter("point", servicePointId).setParameter("day", day).getResultList())
                .flatMap(this::withPeople));
    }

    /** A resident's bookings, newest first, {@code limit} of them with ids below {@code before}. */
    public Uni<List<BookingView>> ofResident(long residentId, Long before, int limit) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(SELECT
                + " WHERE b.resident_id = :resident AND b.id < :before ORDER BY b.id DESC LIMIT :limit", Object[].class)
                .setParameter("resident", residentId)
                .setParameter("before", before == null ? Long.MAX_VALUE : before)
                .setParameter("limit", limit)
                .getResultList())
                .flatMap(this::withPeople));
    }

    /** A resident's bookings of a service type on the days {@code from..to}, in time order. */
    public Uni<List<BookingView>> ofResident(long residentId, String serviceType, LocalDate from, LocalDate to) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(SELECT
                + " WHERE b.resident_id = :resident AND b.service_type = :type AND b.day BETWEEN :from AND :to"
                + " ORDER BY b.day, s.starts_at, b.id", Object[].class)
                .setParameter("resident", residentId).setParameter("type", serviceType)
                .setParameter("from", from).setParameter("to", to)
                .getResultList())
                .flatMap(this::withPeople));
    }

    /** One booking of a resident, or null (someone else's is "not found" too). */
    public Uni<BookingView> one(long residentId, long bookingId) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(SELECT
                + " WHERE b.resident_id = :resident AND b.id = :id", Object[].class)
                .setParameter("resident", residentId).setParameter("id", bookingId)
                .getResultList())
                .flatMap(this::withPeople))
                .map(list -> list.isEmpty() ? null : list.get(0));
    }

    private Uni<List<BookingView>> withPeople(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                """
                SELECT p.booking_id, p.person_ref, p.name_enc,
                       p.checked_in_at IS NOT NULL OR b.status IN ('CHECKED_IN', 'COMPLETED')
                FROM booking_person p JOIN booking b ON b.id = p.booking_id WHERE p.booking_id IN (:ids)
                ORDER BY p.booking_id, p.person_ref NOT LIKE 'resident:%', p.person_ref""",
                Object[].class).setParameter("ids", ids).getResultList())
                .map(peopleRows -> {
                    Map<Long, List<BookingView.PersonView>> people = new LinkedHashMap<>();
                    for (Object[] p : peopleRows) {
                        people.computeIfAbsent(((Number) p[0]).longValue(), k -> new ArrayList<>())
                                .add(new BookingView.PersonView((String) p[1],
                                        Masks.name(cipher.open("booking_person.name", (byte[]) p[2])), (Boolean) p[3]));
                    }
                    return rows.stream().map(r -> view(r, people.getOrDefault(((Number) r[0]).longValue(), List.of())))
                            .toList();
                });
    }

    private BookingView view(Object[] r, List<BookingView.PersonView> people) {
        return new BookingView(((Number) r[0]).longValue(), (String) r[1], BookingStatus.valueOf((String) r[2]),
                (String) r[3], ((Number) r[4]).longValue(), ((Number) r[5]).longValue(), (LocalDate) r[6],
                (LocalTime) r[7], (LocalTime) r[8], ((Number) r[9]).intValue(), ((Number) r[13]).intValue(), people, SqlTimes.instant(r[10]),
                SqlTimes.instant(r[11]), details((String) r[12]), null);
    }

    private Map<String, Object> details(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable booking details", e);
        }
    }
}
