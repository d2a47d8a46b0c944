package org.minzheng.counseling;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.BookingPolicy;
import org.minzheng.booking.SlotInfo;
import org.minzheng.booking.service.Bookings;
import org.minzheng.common.error.DomainException;
import org.minzheng.counseling.config.CounselingConfig;
import org.minzheng.counseling.repository.CounselorRepository;
import org.minzheng.identity.service.People;

/**
 * A counseling session: a slot of a counselor's duty (its capacity: the residents one session takes, 1 for one to
 * one), for the resident themselves (counsel is personal: nobody books it for another), on a topic and in a mode
 * the counselor offers, with a sealed description. One upcoming session per person at a time, so free counsel is
 * shared. Only the counselor handles it among staff. Not moved (the session belongs to its counselor), not queued
 * for (the finder shows the other counselors), no walk-ins, and never a suspension for no-shows: a counselor who
 * forgot to record a session must not cost a resident in danger their next one.
 */
@ApplicationScoped
public class CounselingPolicy implements BookingPolicy {

    public static final String TYPE = "COUNSELING";
    public static final String TOPIC = "topic";
    public static final String MODE = "mode";
    /** The sealed detail: what the resident wrote about their situation. */
    public static final String DESCRIPTION = "description";

    private static final Set<String> DETAILS = Set.of(TOPIC, MODE, Bookings.DISCREET, Bookings.SEALED_FIELDS);

    private final CounselorRepository counselors;
    private final CounselingConfig config;

    public CounselingPolicy(CounselorRepository counselors, CounselingConfig config) {
        this.counselors = counselors;
        this.config = config;
    }

    @Override
    public String serviceType() {
        return TYPE;
    }

    @Override
    public String limitKey(SlotInfo slot) {
        return TYPE;
    }

    @Override
    public Duration bookingCutoff() {
        return config.bookingCutoff();
    }

    @Override
    public Duration cancellationCutoff() {
        return config.cancellationCutoff();
    }

    /** The details as the counseling endpoint writes them, whichever endpoint they came through. */
    @Override
    public Uni<Void> check(long residentId, SlotInfo slot, List<People.Person> people, Map<String, Object> details) {
        Map<String, Object> given = details == null ? Map.of() : details;
        if (!DETAILS.containsAll(given.keySet())) {
            throw new DomainException(422, "UNKNOWN_DETAIL"); // nothing personal slips into plain details
        }
        if (!people.get(0).reference().equals("resident:" + residentId)) {
            throw new DomainException(422, "COUNSELING_FOR_ONESELF");
        }
        Object sealed = given.getOrDefault(Bookings.SEALED_FIELDS, List.of());
        if (!(sealed instanceof List<?> fields && List.of(DESCRIPTION).containsAll(fields))) {
            throw new DomainException(422, "UNKNOWN_DETAIL");
        }
        Topic topic = choice(Topic.class, given.get(TOPIC), "TOPIC_REQUIRED");
        SessionMode mode = choice(SessionMode.class, given.get(MODE), "MODE_REQUIRED");
        if (!(given.get(Bookings.DISCREET) instanceof Boolean)) {
            // asked every time: a session on violence at home must not default to messages on a shared phone
            throw new DomainException(422, "DISCREET_REQUIRED");
        }
        return Panache.withSession(() -> counselors.bookableAt(slot.servicePointId())).invoke(counselor -> {
            if (counselor == null) {
                throw new DomainException(404, "SLOT_NOT_FOUND");
            }
            if (!List.of(counselor.topics).contains(topic.name())) {
                throw new DomainException(422, "TOPIC_NOT_OFFERED");
            }
            if (!List.of(counselor.modes).contains(mode.name())) {
                throw new DomainException(422, "MODE_NOT_OFFERED");
            }
        }).replaceWithVoid();
    }

    private static <E extends Enum<E>> E choice(Class<E> type, Object value, String code) {
        if (value instanceof String name) {
            try {
                return Enum.valueOf(type, name);
            } catch (IllegalArgumentException e) {
                // refused below
            }
        }
        throw new DomainException(422, code);
    }

    @Override
    public String servedOnlyBy() {
        return "COUNSELOR";
    }

    @Override
    public boolean walkInsOffered() {
        return false;
    }

    @Override
    public boolean waitlisted() {
        return false;
    }

    @Override
    public boolean reschedulable() {
        return false;
    }

    @Override
    public NoShowRule noShowRule() {
        return NoShowRule.NEVER;
    }
}
