package org.minzheng.counseling.service;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.ServicePoint;
import org.minzheng.booking.service.ServicePoints;
import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.error.DatabaseErrors;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.common.text.FreeText;
import org.minzheng.counseling.CounselingPolicy;
import org.minzheng.counseling.Counselor;
import org.minzheng.counseling.CounselorCard;
import org.minzheng.counseling.SessionMode;
import org.minzheng.counseling.Topic;
import org.minzheng.counseling.repository.CounselorRepository;
import org.minzheng.identity.service.StaffAccounts;

/**
 * Counselors as administrators keep them. Making one makes their duty point in the counseling room they serve
 * (where their duty schedule is then set, like any point's); deactivating one deactivates the point, which takes
 * its unbooked future sessions away. Every change is audited.
 */
@ApplicationScoped
public class Counselors {

    /** What an administrator sets; {@code roomId} only when creating (a counselor stays in their room). */
    public record Details(long staffId, String name, Counselor.Profession profession, String introduction, Set<Topic> topics,
            Set<Counselor.Language> languages, Set<SessionMode> modes, long roomId) {
    }

    private final CounselorRepository counselors;
    private final ServicePoints points;
    private final StaffAccounts staff;
    private final AuditLog audit;
    private final Clock clock;

    public Counselors(CounselorRepository counselors, ServicePoints points, StaffAccounts staff, AuditLog audit, Clock clock) {
        this.counselors = counselors;
        this.points = points;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<Counselor> create(long adminId, Details details) {
        checkTexts(details);
        return Panache.withTransaction(() -> staff.get(details.staffId()).flatMap(account -> {
            if (!Arrays.asList(account.roles).contains(StaffAccounts.Role.COUNSELOR.name())) {
                throw invalid("staffId", "NOT_A_COUNSELOR");
            }
            return points.find(details.roomId());
        }).flatMap(room -> {
            if (room.kind != ServicePoint.Kind.COUNSELING_ROOM || !room.active) {
                throw invalid("roomId", "NOT_A_COUNSELING_ROOM");
            }
            return points.create(adminId, duty(details.name(), room));
        }).flatMap(duty -> {
            Counselor counselor = new Counselor();
            counselor.staffId = details.staffId();
            counselor.servicePointId = duty.id;
            counselor.active = true;
            counselor.createdAt = clock.instant();
            apply(counselor, details);
            return counselors.persistAndFlush(counselor);
        }).call(counselor -> audit.record(Actor.staff(adminId), "COUNSELOR_CREATED", subject(counselor), null)))
                .onFailure(DatabaseErrors::uniqueViolation).transform(f -> new DomainException(409, "ALREADY_A_COUNSELOR"));
    }

    /** Replaces what residents read and what the counselor offers; {@code active} null leaves it. */
    public Uni<Counselor> update(long adminId, long id, Details details, Boolean active, Integer expectedVersion) {
        checkTexts(details);
        return Panache.withTransaction(() -> get(id).flatMap(counselor -> {
            if (expectedVersion != null && expectedVersion != counselor.version) {
                throw new DomainException(409, "STALE_VERSION");
            }
            apply(counselor, details);
            if (active != null) {
                counselor.active = active;
            }
            return points.find(counselor.servicePointId).flatMap(duty -> points.find(duty.siteId))
                    .flatMap(room -> points.update(adminId, counselor.servicePointId, duty(counselor.name, room), counselor.active, null))
                    .chain(() -> counselors.flush())
                    .call(() -> audit.record(Actor.staff(adminId), "COUNSELOR_UPDATED", subject(counselor), null))
                    .replaceWith(counselor);
        })).onFailure(DatabaseErrors::staleVersion).transform(f -> new DomainException(409, "STALE_VERSION"));
    }

    public Uni<Counselor> get(long id) {
        return Panache.withSession(() -> counselors.findById(id))
                .onItem().ifNull().failWith(() -> new DomainException(404, "COUNSELOR_NOT_FOUND"));
    }

    /** The counselor signed in as this staff member; 403 when they are none (a clerk, an administrator). */
    public Uni<Counselor> ofStaff(long staffId) {
        return Panache.withSession(() -> counselors.byStaff(staffId)).invoke(counselor -> {
            if (counselor == null) {
                throw new DomainException(403, "NOT_A_COUNSELOR");
            }
        });
    }

    /** The counselor as residents see them, with their room. */
    public Uni<CounselorCard> card(Counselor counselor) {
        return points.get(counselor.servicePointId).flatMap(duty -> points.get(duty.siteId)).map(room -> CounselorCard.of(counselor, room));
    }

    public Uni<List<Counselor>> page(Long afterId, int limitPlusOne) {
        return Panache.withSession(() -> counselors.find("id > ?1 ORDER BY id", afterId == null ? 0L : afterId)
                .page(0, limitPlusOne).list());
    }

    /** The duty point: named after the counselor, where their room is, offering counseling only. */
    private static ServicePoints.Details duty(String name, ServicePoint room) {
        return new ServicePoints.Details(ServicePoint.Kind.COUNSELOR_DUTY, name.strip() + " · " + room.name, room.streetCode,
                room.address, room.latitude, room.longitude, room.phone, null, List.of(CounselingPolicy.TYPE), room.id);
    }

    /** What residents read: no control characters, no text direction tricks. */
    private static void checkTexts(Details d) {
        FreeText.check().line("name", d.name()).line("introduction", d.introduction()).orFail();
    }

    private void apply(Counselor counselor, Details d) {
        counselor.name = d.name().strip();
        counselor.profession = d.profession();
        counselor.introduction = d.introduction() == null || d.introduction().isBlank() ? null : d.introduction().strip();
        counselor.topics = names(d.topics());
        counselor.languages = names(d.languages());
        counselor.modes = names(d.modes());
        counselor.updatedAt = clock.instant();
    }

    private static String[] names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(java.util.stream.Collectors.toCollection(TreeSet::new)).toArray(String[]::new);
    }

    public static DomainException invalid(String field, String code) {
        return new DomainException(400, "VALIDATION_FAILED", List.of(new FieldError(field, code, null)), Map.of());
    }

    static String subject(Counselor counselor) {
        return "counselor:" + counselor.id;
    }
}
