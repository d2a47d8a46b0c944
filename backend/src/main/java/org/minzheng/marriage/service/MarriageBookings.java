package org.minzheng.marriage.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.Booking;
import org.minzheng.booking.BookingStatus;
import org.minzheng.booking.BookingView;
import org.minzheng.booking.service.Bookings;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.privacy.Masks;
import org.minzheng.common.time.SqlTimes;
import org.minzheng.identity.IdNumber;
import org.minzheng.identity.service.People;
import org.minzheng.identity.service.PersonalFields;
import org.minzheng.marriage.CouplePolicy;
import org.minzheng.marriage.DivorceApplicationPolicy;
import org.minzheng.marriage.MarriagePolicy;

/**
 * Marriage bookings as the couple sees them: the booker names the partner by name and ID number; the
 * partner, signed in with that same verified ID number, accepts or declines.
 */
@ApplicationScoped
public class MarriageBookings {

    /** A booking that names the signed-in resident as partner. */
    public record Invitation(long bookingId, String reference, String serviceType, BookingStatus status,
            long servicePointId, LocalDate day, LocalTime startsAt, Instant holdUntil, String bookerName) {
    }

    private static final String PARTNER_NAME = "booking_person.name";

    private final Bookings bookings;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    public MarriageBookings(Bookings bookings, PersonalDataCipher cipher, Clock clock) {
        this.bookings = bookings;
        this.cipher = cipher;
        this.clock = clock;
    }

    public Uni<BookingView> book(long residentId, long slotId, String partnerName, String partnerIdNumber,
            String idempotencyKey) {
        IdNumber id = IdNumber.parse(partnerIdNumber, LocalDate.now(clock), "partner.idNumber");
        People.Person partner = new People.Person(CouplePolicy.PARTNER, partnerName.strip(), id.value(),
                cipher.blindIndex(PersonalFields.ID_NUMBER, id.value()), id.birthDate(), id.sex());
        var request = new Bookings.Request(slotId, true, List.of(), null, Map.of(), List.of(partner));
        return bookings.create(residentId, request, idempotencyKey)
                .onFailure(f -> f instanceof DomainException e && e.code().equals("ALREADY_BOOKED"))
                .transform(f -> new DomainException(409, "PARTY_HAS_ACTIVE_BOOKING"));
    }

    /**
     * Books the certificate ceremony for the couple of one of my marriage registrations; the policy checks
     * the day, the time and the party size, and the engine ends it with the registration.
     */
    public Uni<BookingView> bookCeremony(long residentId, long registrationId, long slotId, Integer partySize,
            String idempotencyKey) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT p.id_number_index, p.name_enc FROM booking b
                JOIN booking_person p ON p.booking_id = b.id AND p.person_ref = :partner
                WHERE b.id = :id AND b.resident_id = :resident AND b.service_type = :marriage""", Object[].class)
                .setParameter("partner", CouplePolicy.PARTNER).setParameter("id", registrationId)
                .setParameter("resident", residentId).setParameter("marriage", MarriagePolicy.TYPE).getResultList()))
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        throw new DomainException(404, "BOOKING_NOT_FOUND");
                    }
                    People.Person partner = CouplePolicy.knownPartner(cipher.open(PARTNER_NAME, (byte[]) rows.get(0)[1]),
                            (byte[]) rows.get(0)[0]);
                    return bookings.create(residentId, new Bookings.Request(slotId, true, List.of(), partySize,
                            Map.of(Bookings.CHAINED_TO, registrationId), List.of(partner)), idempotencyKey);
                });
    }

    /** Bookings naming me as partner, still awaiting me or already confirmed, soonest first. */
    public Uni<List<Invitation>> invitations(long residentId) {
        return query(residentId, null);
    }

    /** Confirms; the booking then carries the partner's verified name instead of what the booker typed. */
    public Uni<Invitation> accept(long residentId, long bookingId) {
        // one transaction: the consent, the verified name and the answer together
        return partnerOf(residentId, bookingId)
                .flatMap(ignored -> bookings.confirmHold(bookingId, MarriageBookings::marriageBooking,
                        () -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "SELECT name_enc FROM resident WHERE id = :id", byte[].class).setParameter("id", residentId)
                                .getSingleResult()
                                .flatMap(verified -> s.createNativeQuery("""
                                        UPDATE booking_person SET name_enc = :name WHERE booking_id = :booking AND person_ref = :partner""")
                                        .setParameter("name", cipher.seal(PARTNER_NAME,
                                                cipher.open(PersonalFields.RESIDENT_NAME, verified)))
                                        .setParameter("booking", bookingId).setParameter("partner", CouplePolicy.PARTNER)
                                        .executeUpdate()))
                                .flatMap(updated -> one(residentId, bookingId))));
    }

    public Uni<Invitation> decline(long residentId, long bookingId) {
        return partnerOf(residentId, bookingId)
                .flatMap(ignored -> bookings.declineHold(bookingId, MarriageBookings::marriageBooking,
                        () -> one(residentId, bookingId)));
    }

    private Uni<Invitation> one(long residentId, long bookingId) {
        return query(residentId, bookingId).map(found -> found.get(0));
    }

    /** One booking naming me as partner, in any status; or all of them that are still live. */
    private Uni<List<Invitation>> query(long residentId, Long bookingId) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT b.id, b.reference, b.service_type, b.status, b.service_point_id, b.day, sl.starts_at,
                       b.hold_until, booker.name_enc
                FROM resident me
                JOIN booking_person p ON p.id_number_index = me.id_number_index AND p.person_ref = :partner
                JOIN booking b ON b.id = p.booking_id
                JOIN slot sl ON sl.id = b.slot_id
                JOIN booking_person booker ON booker.booking_id = b.id AND booker.person_ref <> :partner
                WHERE me.id = :resident AND (b.id = :booking
                      OR (CAST(:booking AS bigint) IS NULL AND b.status IN ('PENDING', 'CONFIRMED', 'CHECKED_IN')))
                ORDER BY b.day, sl.starts_at""", Object[].class)
                .setParameter("partner", CouplePolicy.PARTNER).setParameter("resident", residentId)
                .setParameter("booking", bookingId)
                .getResultList()))
                .map(rows -> rows.stream().map(this::invitation).toList());
    }

    /** The signed-in resident must be verified and be the partner the booking names; else "not found". */
    private Uni<Void> partnerOf(long residentId, long bookingId) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT me.identity_verified_at IS NOT NULL,
                       EXISTS (SELECT 1 FROM booking_person p WHERE p.booking_id = :booking AND p.person_ref = :partner
                               AND p.id_number_index = me.id_number_index)
                FROM resident me WHERE me.id = :resident""", Object[].class)
                .setParameter("booking", bookingId).setParameter("partner", CouplePolicy.PARTNER)
                .setParameter("resident", residentId).getSingleResult()))
                .invoke(row -> {
                    if (!(Boolean) row[0]) {
                        throw new DomainException(409, "IDENTITY_NOT_VERIFIED");
                    }
                    if (!(Boolean) row[1]) {
                        throw new DomainException(404, "INVITATION_NOT_FOUND");
                    }
                })
                .replaceWithVoid();
    }

    /** Bookings that wait for the partner: marriage registration and the divorce application. */
    private static void marriageBooking(Booking booking) {
        if (booking == null || !(booking.serviceType.equals(MarriagePolicy.TYPE)
                || booking.serviceType.equals(DivorceApplicationPolicy.TYPE))) {
            throw new DomainException(404, "INVITATION_NOT_FOUND");
        }
    }

    private Invitation invitation(Object[] r) {
        return new Invitation(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                BookingStatus.valueOf((String) r[3]), ((Number) r[4]).longValue(), (LocalDate) r[5], (LocalTime) r[6],
                SqlTimes.instant(r[7]),
                Masks.name(cipher.open(PARTNER_NAME, (byte[]) r[8])));
    }
}
