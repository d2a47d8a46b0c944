package org.minzheng.counseling.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.config.BookingConfig;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.counseling.CounselingPolicy;
import org.minzheng.counseling.Counselor;
import org.minzheng.counseling.CounselorCard;
import org.minzheng.counseling.SessionMode;
import org.minzheng.counseling.Topic;
import org.minzheng.counseling.config.CounselingConfig;
import org.minzheng.counseling.repository.CounselorRepository;

/**
 * The finder: the next sessions residents can book now, across counselors and rooms, soonest first and grouped by
 * counselor (each counselor where their soonest session puts them). One query on the slot table's open
 * counseling slots (a partial index: full and closed slots are not even read), joined to the few counselors.
 */
@ApplicationScoped
public class CounselingOptions {

    static final int MAX_DAYS = 31;

    public record Query(Topic topic, SessionMode mode, Counselor.Language language, LocalDate from, LocalDate to) {
    }

    public record Session(long slotId, LocalDate day, LocalTime startsAt, LocalTime endsAt, int remaining) {
    }

    public record Option(CounselorCard counselor, List<Session> sessions) {
    }

    private final CounselingConfig config;
    private final BookingConfig booking;
    private final Clock clock;

    public CounselingOptions(CounselingConfig config, BookingConfig booking, Clock clock) {
        this.config = config;
        this.booking = booking;
        this.clock = clock;
    }

    public Uni<List<Option>> find(Query query) {
        LocalDate today = LocalDate.now(clock);
        LocalDate from = query.from() == null || query.from().isBefore(today) ? today : query.from();
        LocalDate horizon = today.plusDays(booking.horizonDays(CounselingPolicy.TYPE));
        LocalDate to = query.to() == null || query.to().isAfter(horizon) ? horizon : query.to();
        if (query.to() != null && (query.to().isBefore(from) || from.plusDays(MAX_DAYS).isBefore(query.to()))) {
            throw new DomainException(400, "INVALID_DATE_RANGE", List.of(new FieldError("to", "INVALID_DATE_RANGE", null)),
                    Map.of(), MAX_DAYS);
        }
        StringBuilder sql = new StringBuilder("""
                SELECT c.id, c.name, c.profession, c.introduction, array_to_string(c.topics, ','),
                       array_to_string(c.languages, ','), array_to_string(c.modes, ','),
                       r.id, r.name, r.address, r.street_code, o.id, o.day, o.starts_at, o.ends_at, o.remaining
                FROM (SELECT s.id, s.service_point_id, s.day, s.starts_at, s.ends_at, s.capacity - s.booked AS remaining,
                             row_number() OVER (PARTITION BY s.service_point_id ORDER BY s.day, s.starts_at, s.id) AS n
                      FROM slot s, """ + CounselorRepository.BOOKABLE + """
                        AND s.service_point_id = c.service_point_id
                        AND s.service_type = 'COUNSELING' AND NOT s.closed AND s.booked < s.capacity
                        AND s.day BETWEEN :from AND :to
                        AND (s.release_at IS NULL OR s.release_at <= :now)
                        AND (s.day + s.starts_at) AT TIME ZONE 'Asia/Shanghai' > :earliest""");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (query.topic() != null) {
            sql.append(" AND CAST(:topic AS text) = ANY (c.topics)");
            parameters.put("topic", query.topic().name());
        }
        if (query.mode() != null) {
            sql.append(" AND CAST(:mode AS text) = ANY (c.modes)");
            parameters.put("mode", query.mode().name());
        }
        if (query.language() != null) {
            sql.append(" AND CAST(:language AS text) = ANY (c.languages)");
            parameters.put("language", query.language().name());
        }
        sql.append("""
                ) o
                JOIN counselor c ON c.service_point_id = o.service_point_id
                JOIN service_point p ON p.id = o.service_point_id
                JOIN service_point r ON r.id = p.site_id
                WHERE o.n <= :perCounselor
                ORDER BY o.day, o.starts_at, c.id""");
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery(sql.toString(), Object[].class)
                    .setParameter("from", from).setParameter("to", to).setParameter("now", clock.instant())
                    .setParameter("earliest", clock.instant().plus(config.bookingCutoff()))
                    .setParameter("perCounselor", config.sessionsPerCounselor());
            parameters.forEach(q::setParameter);
            return q.getResultList();
        })).map(CounselingOptions::grouped);
    }

    /** Rows in time order, grouped by counselor in the order of their soonest session. */
    private static List<Option> grouped(List<Object[]> rows) {
        Map<Long, CounselorCard> cards = new LinkedHashMap<>();
        Map<Long, List<Session>> sessions = new LinkedHashMap<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            cards.computeIfAbsent(id, ignored -> new CounselorCard(id, (String) r[1], Counselor.Profession.valueOf((String) r[2]),
                    (String) r[3], names(r[4]), names(r[5]), names(r[6]),
                    new CounselorCard.Room(((Number) r[7]).longValue(), (String) r[8], (String) r[9], (String) r[10])));
            sessions.computeIfAbsent(id, ignored -> new ArrayList<>()).add(new Session(((Number) r[11]).longValue(),
                    (LocalDate) r[12], (LocalTime) r[13], (LocalTime) r[14], ((Number) r[15]).intValue()));
        }
        return cards.values().stream().map(card -> new Option(card, List.copyOf(sessions.get(card.id())))).toList();
    }

    private static List<String> names(Object joined) {
        return List.of(((String) joined).split(","));
    }
}
