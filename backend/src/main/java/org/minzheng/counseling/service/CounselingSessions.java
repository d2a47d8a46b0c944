package org.minzheng.counseling.service;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.BookingStatus;
import org.minzheng.booking.BookingView;
import org.minzheng.booking.service.Bookings;
import org.minzheng.booking.service.ServicePoints;
import org.minzheng.booking.service.SlotInventory;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.text.FreeText;
import org.minzheng.common.time.SqlTimes;
import org.minzheng.counseling.CounselingPolicy;
import org.minzheng.counseling.CounselorCard;
import org.minzheng.counseling.SessionMode;
import org.minzheng.counseling.Topic;
import org.minzheng.counseling.repository.CounselorRepository;

/**
 * A resident's counseling sessions: booked on the engine for themselves with the description sealed, read back
 * with what the counselor added for them (a video link), and rated once after they were held.
 */
@ApplicationScoped
public class CounselingSessions {

    static final String NOTES = "counseling_session.notes";
    static final String MEETING_LINK = "counseling_session.meeting_link";
    static final String COMMENT = "counseling_feedback.comment";

    /** {@code discreet} null: on for domestic violence, off otherwise. */
    public record NewSession(long slotId, Topic topic, SessionMode mode, String description, Boolean discreet) {
        @Override
        public String toString() {
            return "NewSession[slotId=" + slotId + ", topic=" + topic + ", mode=" + mode + "]"; // never the description
        }
    }

    public record Feedback(int rating, String comment, Instant createdAt) {
        @Override
        public String toString() {
            return "Feedback[rating=" + rating + "]";
        }
    }

    /** A session as its resident sees it; {@code description} is theirs, {@code meetingLink} the counselor's for them. */
    public record MySession(BookingView booking, CounselorCard counselor, Topic topic, SessionMode mode, boolean discreet,
            String description, String meetingLink, Feedback feedback) {
        @Override
        public String toString() {
            return "MySession[" + booking.id() + "]";
        }
    }

    private final Bookings bookings;
    private final SlotInventory inventory;
    private final CounselorRepository counselors;
    private final ServicePoints points;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    public CounselingSessions(Bookings bookings, SlotInventory inventory, CounselorRepository counselors, ServicePoints points,
            PersonalDataCipher cipher, Clock clock) {
        this.bookings = bookings;
        this.inventory = inventory;
        this.counselors = counselors;
        this.points = points;
        this.cipher = cipher;
        this.clock = clock;
    }

    public Uni<MySession> book(long residentId, NewSession session, String idempotencyKey) {
        FreeText.check().lines("description", session.description()).orFail();
        String description = FreeText.optional(session.description());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(CounselingPolicy.TOPIC, session.topic().name());
        details.put(CounselingPolicy.MODE, session.mode().name());
        details.put(Bookings.DISCREET, session.discreet() == null ? session.topic() == Topic.DOMESTIC_VIOLENCE : session.discreet());
        Map<String, String> sealed = description == null ? Map.of() : Map.of(CounselingPolicy.DESCRIPTION, description);
        return inventory.read(session.slotId()).flatMap(slot -> {
            if (slot == null || !CounselingPolicy.TYPE.equals(slot.serviceType())) {
                throw new DomainException(404, "SLOT_NOT_FOUND");
            }
            // the counselor is read before the booking and the answer made from what is in hand: a read after the
            // commit, on a second connection, could be refused under load for a session already booked
            return card(slot.servicePointId()).flatMap(card -> bookings.create(residentId, new Bookings.Request(
                    session.slotId(), true, List.of(), null, details, List.of(), sealed), idempotencyKey)
                    .map(b -> new MySession(b, card, session.topic(), session.mode(),
                            Boolean.TRUE.equals(b.details().get(Bookings.DISCREET)), description, null, null)));
        });
    }

    public Uni<MySession> one(long residentId, long bookingId) {
        return bookings.one(residentId, bookingId).flatMap(b -> {
            if (!CounselingPolicy.TYPE.equals(b.serviceType())) {
                throw new DomainException(404, "BOOKING_NOT_FOUND");
            }
            return session(b);
        });
    }

    /** Rates a held session, once: a second rating, or one of a session not held, is refused. */
    public Uni<MySession> rate(long residentId, long bookingId, Feedback feedback) {
        FreeText.check().lines("comment", feedback.comment()).orFail();
        String comment = FreeText.optional(feedback.comment());
        return one(residentId, bookingId).flatMap(session -> {
            if (session.booking().status() != BookingStatus.COMPLETED) {
                throw new DomainException(409, "SESSION_NOT_HELD");
            }
            return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                    INSERT INTO counseling_feedback (booking_id, counselor_id, rating, comment_enc, created_at)
                    VALUES (:booking, :counselor, :rating, :comment, :now) ON CONFLICT (booking_id) DO NOTHING""")
                    .setParameter("booking", bookingId).setParameter("counselor", session.counselor().id())
                    .setParameter("rating", feedback.rating())
                    .setParameter("comment", comment == null ? null : cipher.seal(COMMENT, comment))
                    .setParameter("now", clock.instant()).executeUpdate())
                    .invoke(inserted -> {
                        if (inserted == 0) {
                            throw new DomainException(409, "FEEDBACK_ALREADY_GIVEN");
                        }
                    })
                    // answered on the transaction's connection: refused after the commit, a retry would be refused
                    // FEEDBACK_ALREADY_GIVEN
                    .flatMap(inserted -> one(residentId, bookingId)));
        });
    }

    /** The counselor who holds the sessions of a service point, with the room they are in. */
    private Uni<CounselorCard> card(long servicePointId) {
        return Panache.withSession(() -> counselors.byServicePoint(servicePointId)
                .flatMap(counselor -> points.find(counselor.servicePointId).flatMap(duty -> points.find(duty.siteId))
                        .map(room -> CounselorCard.of(counselor, room))));
    }

    private Uni<MySession> session(BookingView b) {
        return Panache.withSession(() -> card(b.servicePointId())
                .flatMap(card -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        SELECT (SELECT meeting_link_enc FROM counseling_session WHERE booking_id = :id),
                               f.rating, f.comment_enc, f.created_at
                        FROM (SELECT 1) one LEFT JOIN counseling_feedback f ON f.booking_id = :id""", Object[].class)
                        .setParameter("id", b.id()).getSingleResult())
                        .flatMap(row -> bookings.sealedDetails(b.id()).map(sealed -> new MySession(b, card,
                                Topic.valueOf((String) b.details().get(CounselingPolicy.TOPIC)),
                                SessionMode.valueOf((String) b.details().get(CounselingPolicy.MODE)),
                                Boolean.TRUE.equals(b.details().get(Bookings.DISCREET)),
                                sealed.get(CounselingPolicy.DESCRIPTION),
                                row[0] == null ? null : cipher.open(MEETING_LINK, (byte[]) row[0]),
                                row[1] == null ? null : new Feedback(((Number) row[1]).intValue(),
                                        row[2] == null ? null : cipher.open(COMMENT, (byte[]) row[2]), SqlTimes.instant(row[3])))))));
    }
}
