package org.minzheng.counseling.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.Booking;
import org.minzheng.booking.BookingStatus;
import org.minzheng.booking.BookingView;
import org.minzheng.booking.repository.BookingRepository;
import org.minzheng.booking.repository.BookingViews;
import org.minzheng.booking.service.Bookings;
import org.minzheng.booking.service.CounterDesk;
import org.minzheng.booking.service.SlotInventory;
import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.common.text.FreeText;
import org.minzheng.counseling.CounselingPolicy;
import org.minzheng.counseling.Counselor;
import org.minzheng.counseling.SessionMode;
import org.minzheng.counseling.Topic;
import org.minzheng.identity.service.Principal;
import org.minzheng.identity.service.ResidentProfiles;

/**
 * The counselor's side: their own sessions of a day, one session with what the resident wrote (each such read
 * audited), held or missed, their notes and a video session's link. A counselor reaches only the sessions of
 * their own duty point — another's are "not found" — and nobody else reaches these texts at all: clerks and
 * administrators see sessions only as bookings, without them.
 */
@ApplicationScoped
public class CounselorDesk {

    /** A session in the day's list: no texts, only whether there are some. */
    public record SessionLine(long bookingId, String reference, BookingStatus status, LocalDate day, LocalTime startsAt,
            LocalTime endsAt, Topic topic, SessionMode mode, boolean discreet, String resident, boolean described,
            boolean notesWritten, boolean meetingLinkSet) {
    }

    public record Day(LocalDate date, int expected, int held, int noShow, List<SessionLine> sessions) {
    }

    /** {@code residentPhone}: in full for a phone session (the counselor calls it), else null. */
    public record SessionDetail(SessionLine session, String description, String notes, String meetingLink,
            String residentPhone) {
        @Override
        public String toString() {
            return "SessionDetail[" + session.bookingId() + "]";
        }
    }

    private final Counselors counselors;
    private final CounterDesk desk;
    private final Bookings bookings;
    private final SlotInventory inventory;
    private final BookingRepository bookingRows;
    private final BookingViews views;
    private final ResidentProfiles residents;
    private final PersonalDataCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    public CounselorDesk(Counselors counselors, CounterDesk desk, Bookings bookings, SlotInventory inventory,
            BookingRepository bookingRows, BookingViews views, ResidentProfiles residents, PersonalDataCipher cipher,
            AuditLog audit, Clock clock) {
        this.counselors = counselors;
        this.desk = desk;
        this.bookings = bookings;
        this.inventory = inventory;
        this.bookingRows = bookingRows;
        this.views = views;
        this.residents = residents;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<Day> day(Principal staff, LocalDate date) {
        return counselors.ofStaff(staff.id()).flatMap(counselor -> desk.day(atDuty(staff, counselor), counselor.servicePointId, date))
                .flatMap(day -> withNotes(day.bookings().stream().map(BookingView::id).toList()).map(written -> new Day(date,
                        day.expected(), (int) day.bookings().stream().filter(b -> b.status() == BookingStatus.COMPLETED).count(),
                        day.noShow(), day.bookings().stream()
                                .filter(b -> b.status() != BookingStatus.CANCELLED && b.status() != BookingStatus.EXPIRED)
                                .map(b -> line(b, written)).toList())));
    }

    /** One of the counselor's sessions with its texts; the read is audited in the same transaction. */
    public Uni<SessionDetail> one(Principal staff, long bookingId) {
        return Panache.withTransaction(() -> own(staff, bookingId).flatMap(own -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT notes_enc, meeting_link_enc FROM counseling_session WHERE booking_id = :id", Object[].class)
                .setParameter("id", bookingId).getSingleResultOrNull())
                .flatMap(row -> views.byId(bookingId).flatMap(view -> phoneFor(own.booking()).map(phone -> new SessionDetail(
                        line(view, row == null ? Map.of() : Map.of(bookingId, new Written(row[0] != null, row[1] != null))),
                        bookings.sealedDetails(own.booking()).get(CounselingPolicy.DESCRIPTION),
                        row == null || row[0] == null ? null : cipher.open(CounselingSessions.NOTES, (byte[]) row[0]),
                        row == null || row[1] == null ? null : cipher.open(CounselingSessions.MEETING_LINK, (byte[]) row[1]),
                        phone))))
                .call(() -> audit.record(Actor.staff(staff.id()), "COUNSELING_SESSION_READ", "booking:" + bookingId, null))));
    }

    public Uni<BookingView> held(Principal staff, long bookingId) {
        return Panache.withSession(() -> own(staff, bookingId)).flatMap(own -> desk.held(atDuty(staff, own.counselor()), bookingId));
    }

    public Uni<BookingView> noShow(Principal staff, long bookingId) {
        return Panache.withSession(() -> own(staff, bookingId)).flatMap(own -> desk.noShow(atDuty(staff, own.counselor()), bookingId));
    }

    /** Replaces the counselor's notes of a session (not of one cancelled); blank removes them. */
    public Uni<SessionDetail> notes(Principal staff, long bookingId, String notes) {
        FreeText.check().lines("notes", notes).orFail();
        String text = FreeText.optional(notes);
        return Panache.withTransaction(() -> own(staff, bookingId, LockModeType.PESSIMISTIC_WRITE).flatMap(own -> {
            if (!own.booking().status.holdsUnits()) {
                throw new DomainException(409, "SESSION_CANCELLED");
            }
            return upsert(bookingId, "notes_enc", text == null ? null : cipher.seal(CounselingSessions.NOTES, text))
                    .call(() -> audit.record(Actor.staff(staff.id()), "COUNSELING_NOTES_WRITTEN", "booking:" + bookingId, null));
        }).flatMap(ignored -> one(staff, bookingId))); // answered on the transaction's connection
    }

    /**
     * Sets the link of an upcoming video session (https only) and tells the resident it is there (the link
     * itself stays out of messages: the inbox is not sealed).
     */
    public Uni<SessionDetail> meetingLink(Principal staff, long bookingId, String link) {
        String url = https(link);
        return Panache.withTransaction(() -> own(staff, bookingId, LockModeType.PESSIMISTIC_WRITE).flatMap(own -> {
            Booking booking = own.booking();
            if (!SessionMode.VIDEO.name().equals(booking.details.get(CounselingPolicy.MODE))) {
                throw new DomainException(409, "NOT_A_VIDEO_SESSION");
            }
            return inventory.read(booking.slotId).flatMap(slot -> {
                if (booking.status != BookingStatus.CONFIRMED && booking.status != BookingStatus.CHECKED_IN
                        || !clock.instant().isBefore(slot.endInstant())) {
                    throw new DomainException(409, "SESSION_NOT_UPCOMING");
                }
                // told once per link: the same link again (a retry) tells nothing new
                String event = "MEETING_LINK:" + java.util.HexFormat.of().formatHex(cipher.blindIndex(CounselingSessions.MEETING_LINK, url));
                return upsert(bookingId, "meeting_link_enc", cipher.seal(CounselingSessions.MEETING_LINK, url))
                        .call(() -> audit.record(Actor.staff(staff.id()), "COUNSELING_MEETING_LINK_SET", "booking:" + bookingId, null))
                        .call(() -> bookings.tell(booking, "COUNSELING_MEETING_LINK", event));
            });
        }).flatMap(ignored -> one(staff, bookingId))); // answered on the transaction's connection
    }

    private record Own(Counselor counselor, Booking booking) {
    }

    /** The counselor's own session; another's, or none, is "not found". */
    private Uni<Own> own(Principal staff, long bookingId) {
        return own(staff, bookingId, LockModeType.NONE);
    }

    /** As above, locked against a cancellation committing between the check of its status and the write. */
    private Uni<Own> own(Principal staff, long bookingId, LockModeType lock) {
        return counselors.ofStaff(staff.id()).flatMap(counselor -> bookingRows.findById(bookingId, lock).map(booking -> {
            if (booking == null || !booking.servicePointId.equals(counselor.servicePointId)
                    || !CounselingPolicy.TYPE.equals(booking.serviceType)) {
                throw new DomainException(404, "BOOKING_NOT_FOUND");
            }
            return new Own(counselor, booking);
        }));
    }

    /** The counselor acts at their duty point, whatever points their account lists. */
    private static Principal atDuty(Principal staff, Counselor counselor) {
        return new Principal(staff.kind(), staff.id(), staff.roles(), List.of(counselor.servicePointId), List.of());
    }

    /** The number to call, for a phone session still to be held (or being held). */
    private Uni<String> phoneFor(Booking booking) {
        if (!SessionMode.PHONE.name().equals(booking.details.get(CounselingPolicy.MODE)) || booking.residentId == null
                || booking.status != BookingStatus.CONFIRMED && booking.status != BookingStatus.CHECKED_IN) {
            return Uni.createFrom().nullItem();
        }
        return residents.profile(booking.residentId).map(ResidentProfiles.Profile::phone);
    }

    private Uni<Void> upsert(long bookingId, String column, byte[] value) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("INSERT INTO counseling_session (booking_id, " + column
                + ", updated_at) VALUES (:id, :value, :now) ON CONFLICT (booking_id) DO UPDATE SET " + column
                + " = EXCLUDED." + column + ", updated_at = EXCLUDED.updated_at")
                .setParameter("id", bookingId).setParameter("value", value).setParameter("now", clock.instant())
                .executeUpdate()).replaceWithVoid();
    }

    /** What the counselor has written to a session. */
    private record Written(boolean notes, boolean meetingLink) {
    }

    private Uni<Map<Long, Written>> withNotes(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT booking_id, notes_enc IS NOT NULL, meeting_link_enc IS NOT NULL FROM counseling_session WHERE booking_id IN (:ids)",
                Object[].class).setParameter("ids", ids).getResultList()))
                .map(rows -> {
                    Map<Long, Written> byId = new java.util.HashMap<>();
                    rows.forEach(r -> byId.put(((Number) r[0]).longValue(), new Written((Boolean) r[1], (Boolean) r[2])));
                    return byId;
                });
    }

    private static SessionLine line(BookingView b, Map<Long, Written> written) {
        Written w = written.getOrDefault(b.id(), new Written(false, false));
        return new SessionLine(b.id(), b.reference(), b.status(), b.day(), b.startsAt(), b.endsAt(),
                Topic.valueOf((String) b.details().get(CounselingPolicy.TOPIC)),
                SessionMode.valueOf((String) b.details().get(CounselingPolicy.MODE)),
                Boolean.TRUE.equals(b.details().get(Bookings.DISCREET)),
                b.people().isEmpty() ? null : b.people().get(0).name(),
                b.details().get(Bookings.SEALED_FIELDS) instanceof List<?> fields && fields.contains(CounselingPolicy.DESCRIPTION),
                w.notes(), w.meetingLink());
    }

    private static String https(String link) {
        FreeText.check().line("meetingLink", link).orFail();
        try {
            URI uri = new URI(link.strip());
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null) {
                return uri.toString();
            }
        } catch (URISyntaxException | NullPointerException e) {
            // refused below
        }
        throw new DomainException(400, "VALIDATION_FAILED", List.of(new FieldError("meetingLink", "HTTPS_LINK_REQUIRED", null)),
                Map.of());
    }
}
