package org.minzheng.marriage.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.hibernate.reactive.mutiny.Mutiny;
import org.minzheng.booking.Booking;
import org.minzheng.booking.BookingView;
import org.minzheng.booking.service.Bookings;
import org.minzheng.booking.service.WorkCalendar;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.privacy.Masks;
import org.minzheng.identity.service.People;
import org.minzheng.marriage.CouplePolicy;
import org.minzheng.notify.Outbox;

/**
 * Divorce by agreement after the application was received (受理): 30 days of cooling-off counted from the
 * next day, during which either spouse may withdraw alone; then a 30-day window for the certificate visit
 * at the same office, its last day moved to the next workday when it is not one; completion, or lapse.
 */
@ApplicationScoped
public class DivorceCases {

    public static final int COOLING_OFF_DAYS = 30;
    public static final int WINDOW_DAYS = 30;
    /** Both spouses are reminded this many days before the window closes. */
    public static final int CLOSING_REMINDER_DAYS = 3;

    public record DivorceCase(long id, String status, long servicePointId, LocalDate receivedOn,
            LocalDate coolingOffEnds, LocalDate windowOpens, LocalDate windowCloses, String spouseName) {
    }

    private static final String BOOKING_NAME = "booking_person.name";

    private final WorkCalendar calendar;
    private final Bookings bookings;
    private final Outbox outbox;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    public DivorceCases(WorkCalendar calendar, Bookings bookings, Outbox outbox, PersonalDataCipher cipher, Clock clock) {
        this.calendar = calendar;
        this.bookings = bookings;
        this.outbox = outbox;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The last day of the certificate window for an application received on that day. */
    public Uni<LocalDate> windowCloses(LocalDate receivedOn) {
        LocalDate nominal = receivedOn.plusDays(COOLING_OFF_DAYS + WINDOW_DAYS);
        // the longest run of days off in the national schedule is well under a month
        return calendar.workdays(nominal, nominal.plusDays(31)).map(workdays -> {
            LocalDate day = nominal;
            while (!workdays.isWorkday(day)) {
                day = day.plusDays(1);
            }
            return day;
        });
    }

    /** The counter received the application: the case starts, inside the booking's completion. */
    public Uni<Void> open(Booking application) {
        LocalDate received = LocalDate.now(clock);
        Instant now = clock.instant();
        return windowCloses(received).flatMap(closes -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO divorce_case (application_booking_id, service_point_id, status, received_on, cooling_off_ends,
                                          window_opens, window_closes, created_at, updated_at)
                VALUES (:booking, :point, 'COOLING_OFF', :received, :coolingEnds, :opens, :closes, :now, :now)
                RETURNING id""", Long.class)
                .setParameter("booking", application.id).setParameter("point", application.servicePointId)
                .setParameter("received", received).setParameter("coolingEnds", received.plusDays(COOLING_OFF_DAYS))
                .setParameter("opens", received.plusDays(COOLING_OFF_DAYS + 1)).setParameter("closes", closes)
                .setParameter("now", now).getSingleResult()
                .call(caseId -> s.createNativeQuery("""
                        INSERT INTO divorce_party (case_id, id_number_index, name_enc, resident_id)
                        SELECT :case, p.id_number_index, p.name_enc,
                               (SELECT r.id FROM resident r WHERE r.id_number_index = p.id_number_index
                                AND r.identity_verified_at IS NOT NULL)
                        FROM booking_person p WHERE p.booking_id = :booking""")
                        .setParameter("case", caseId).setParameter("booking", application.id).executeUpdate())
                .flatMap(caseId -> tellBoth(s, caseId, "DIVORCE_RECEIVED"))));
    }

    /** The certificate visit took place: the case is complete. */
    public Uni<Void> complete(Booking certificate) {
        return Panache.getSession().flatMap(s -> openCaseOf(s, certificate)
                .flatMap(caseId -> s.createNativeQuery("""
                        UPDATE divorce_case SET status = 'COMPLETED', certificate_booking_id = :booking, ended_at = :now,
                               updated_at = :now WHERE id = :id""")
                        .setParameter("booking", certificate.id).setParameter("now", clock.instant())
                        .setParameter("id", caseId).executeUpdate()
                        .flatMap(ignored -> tellBoth(s, caseId, "DIVORCE_COMPLETED"))));
    }

    /** Either spouse may withdraw alone, during the cooling-off period only. */
    public Uni<DivorceCase> withdraw(long residentId, long caseId) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT c.status, c.cooling_off_ends FROM divorce_case c
                JOIN divorce_party p ON p.case_id = c.id JOIN resident me ON me.id_number_index = p.id_number_index
                WHERE c.id = :id AND me.id = :resident FOR UPDATE OF c""", Object[].class)
                .setParameter("id", caseId).setParameter("resident", residentId).getResultList()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        throw new DomainException(404, "DIVORCE_CASE_NOT_FOUND");
                    }
                    String status = (String) rows.get(0)[0];
                    if (status.equals("WITHDRAWN")) {
                        return Uni.createFrom().voidItem();
                    }
                    if (!status.equals("COOLING_OFF") || LocalDate.now(clock).isAfter((LocalDate) rows.get(0)[1])) {
                        throw new DomainException(409, "NOT_IN_COOLING_OFF");
                    }
                    return s.createNativeQuery("""
                            UPDATE divorce_case SET status = 'WITHDRAWN', ended_at = :now, updated_at = :now WHERE id = :id""")
                            .setParameter("now", clock.instant()).setParameter("id", caseId).executeUpdate()
                            .flatMap(ignored -> tellBoth(s, caseId, "DIVORCE_WITHDRAWN"));
                })
                .flatMap(ignored -> one(residentId, caseId)))); // answered on the transaction's connection
    }

    /** Books the certificate visit for both spouses; the policy checks the window and the office. */
    public Uni<BookingView> bookCertificate(long residentId, long caseId, long slotId, String idempotencyKey) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT other.id_number_index, other.name_enc FROM divorce_party other
                WHERE other.case_id = :id
                  AND other.id_number_index <> (SELECT id_number_index FROM resident WHERE id = :resident)
                  AND EXISTS (SELECT 1 FROM divorce_party mine JOIN resident me ON me.id_number_index = mine.id_number_index
                              WHERE mine.case_id = :id AND me.id = :resident)""", Object[].class)
                .setParameter("id", caseId).setParameter("resident", residentId).getResultList()))
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        throw new DomainException(404, "DIVORCE_CASE_NOT_FOUND");
                    }
                    People.Person spouse = CouplePolicy.knownPartner(cipher.open(BOOKING_NAME, (byte[]) rows.get(0)[1]),
                            (byte[]) rows.get(0)[0]);
                    return bookings.create(residentId, new Bookings.Request(slotId, true, List.of(), null,
                            Map.of("divorceCaseId", caseId), List.of(spouse)), idempotencyKey);
                });
    }

    /** The cases where I am a spouse, newest first. */
    public Uni<List<DivorceCase>> of(long residentId) {
        return query(residentId, null);
    }

    private Uni<DivorceCase> one(long residentId, long caseId) {
        return query(residentId, caseId).map(found -> found.get(0));
    }

    private Uni<List<DivorceCase>> query(long residentId, Long caseId) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT c.id, c.status, c.service_point_id, c.received_on, c.cooling_off_ends, c.window_opens,
                       c.window_closes, other.name_enc
                FROM resident me
                JOIN divorce_party mine ON mine.id_number_index = me.id_number_index
                JOIN divorce_case c ON c.id = mine.case_id
                JOIN divorce_party other ON other.case_id = c.id AND other.id_number_index <> mine.id_number_index
                WHERE me.id = :resident AND (CAST(:id AS bigint) IS NULL OR c.id = :id)
                ORDER BY c.id DESC""", Object[].class)
                .setParameter("resident", residentId).setParameter("id", caseId).getResultList()))
                .map(rows -> rows.stream().map(r -> new DivorceCase(((Number) r[0]).longValue(), (String) r[1],
                        ((Number) r[2]).longValue(), (LocalDate) r[3], (LocalDate) r[4], (LocalDate) r[5],
                        (LocalDate) r[6], Masks.name(cipher.open(BOOKING_NAME, (byte[]) r[7])))).toList());
    }

    /**
     * Moves every open case along its dates: the window opens, a reminder before it closes, the lapse
     * after. Safe to run twice or on several replicas: rows are claimed with SKIP LOCKED and every
     * message has its dedup key.
     */
    public Uni<Integer> advance() {
        LocalDate today = LocalDate.now(clock);
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT id, status, window_closes FROM divorce_case
                WHERE status IN ('COOLING_OFF', 'WINDOW_OPEN') AND window_opens <= :today
                ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED""", Object[].class)
                .setParameter("today", today).getResultList()
                .flatMap(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    List<Long> moved = new ArrayList<>();
                    for (Object[] r : rows) {
                        long id = ((Number) r[0]).longValue();
                        LocalDate closes = (LocalDate) r[2];
                        if (today.isAfter(closes)) {
                            moved.add(id);
                            chain = chain.flatMap(ignored -> status(s, id, "LAPSED", true))
                                    .flatMap(ignored -> tellBoth(s, id, "DIVORCE_LAPSED"));
                            continue;
                        }
                        if (r[1].equals("COOLING_OFF")) {
                            moved.add(id);
                            chain = chain.flatMap(ignored -> status(s, id, "WINDOW_OPEN", false))
                                    .flatMap(ignored -> tellBoth(s, id, "DIVORCE_WINDOW_OPEN"));
                        }
                        if (!today.isBefore(closes.minusDays(CLOSING_REMINDER_DAYS))) {
                            chain = chain.flatMap(ignored -> tellBoth(s, id, "DIVORCE_WINDOW_CLOSING"));
                        }
                    }
                    return chain.replaceWith(moved.size());
                })));
    }

    private Uni<Void> status(Mutiny.Session s, long caseId, String status, boolean ends) {
        return s.createNativeQuery("""
                UPDATE divorce_case SET status = :status, updated_at = :now,
                       ended_at = CASE WHEN :ends THEN CAST(:now AS timestamptz) ELSE ended_at END
                WHERE id = :id""")
                .setParameter("status", status).setParameter("now", clock.instant()).setParameter("ends", ends)
                .setParameter("id", caseId).executeUpdate().replaceWithVoid();
    }

    /** The open case of the two spouses a certificate booking names, at its office. */
    private Uni<Long> openCaseOf(Mutiny.Session s, Booking certificate) {
        return s.createNativeQuery("""
                SELECT c.id FROM divorce_case c
                WHERE c.status IN ('COOLING_OFF', 'WINDOW_OPEN') AND c.service_point_id = :point
                  AND (SELECT count(*) FROM divorce_party p JOIN booking_person bp ON bp.id_number_index = p.id_number_index
                       WHERE p.case_id = c.id AND bp.booking_id = :booking) = 2
                FOR UPDATE OF c""", Long.class)
                .setParameter("point", certificate.servicePointId).setParameter("booking", certificate.id)
                .getResultList()
                .map(ids -> {
                    if (ids.isEmpty()) {
                        throw new DomainException(409, "NO_OPEN_DIVORCE_CASE");
                    }
                    return ids.get(0);
                });
    }

    /** One message per spouse with an account; the dedup key makes a repeat a no-op. */
    private Uni<Void> tellBoth(Mutiny.Session s, long caseId, String template) {
        return s.createNativeQuery("""
                SELECT p.resident_id, c.window_opens, c.window_closes, c.cooling_off_ends FROM divorce_party p
                JOIN divorce_case c ON c.id = p.case_id WHERE p.case_id = :id AND p.resident_id IS NOT NULL""",
                Object[].class).setParameter("id", caseId).getResultList()
                .flatMap(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Object[] r : rows) {
                        long resident = ((Number) r[0]).longValue();
                        Map<String, Object> data = Map.of("divorceCaseId", caseId, "windowOpens", r[1].toString(),
                                "windowCloses", r[2].toString(), "coolingOffEnds", r[3].toString());
                        chain = chain.flatMap(ignored -> outbox.record("divorce:" + caseId + ":" + template + ":" + resident,
                                template, resident, data));
                    }
                    return chain;
                });
    }
}
