package org.minzheng.memorial.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.privacy.Masks;
import org.minzheng.common.text.FreeText;
import org.minzheng.common.time.ClockProducer;
import org.minzheng.identity.service.Principal;
import org.minzheng.memorial.ProxySweep;
import org.minzheng.memorial.ProxySweepStaffView;
import org.minzheng.memorial.config.ProxySweepingConfig;
import org.minzheng.memorial.repository.ProxySweepRepository;
import org.minzheng.notify.Outbox;

/**
 * The cemetery staff's side of 代祭扫: the day's list and marking a request done. Staff act only at the
 * cemeteries they are scoped to (directly or through a gate); reading the texts and every change are
 * audited.
 */
@ApplicationScoped
public class ProxySweepDesk {

    /** A cemetery's day: {@code taken} places of {@code dailyLimit}, and the requests asked for. */
    public record Day(long cemeteryId, LocalDate day, int dailyLimit, int taken, List<ProxySweepStaffView> items) {
    }

    /** What the staff report; the note is personal and never printed. */
    public record Completion(String note, String photoRef) {

        @Override
        public String toString() {
            return "ProxySweepDesk.Completion[***]";
        }
    }

    private final ProxySweepRepository sweeps;
    private final ProxySweepQuota quota;
    private final Cemeteries sites;
    private final PersonalDataCipher cipher;
    private final AuditLog audit;
    private final Outbox outbox;
    private final ProxySweepingConfig config;
    private final Clock clock;

    public ProxySweepDesk(ProxySweepRepository sweeps, ProxySweepQuota quota, Cemeteries sites,
            PersonalDataCipher cipher, AuditLog audit, Outbox outbox, ProxySweepingConfig config, Clock clock) {
        this.sweeps = sweeps;
        this.quota = quota;
        this.sites = sites;
        this.cipher = cipher;
        this.audit = audit;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** The requests of a cemetery's day, optionally of one status; the read of their texts is audited. */
    public Uni<Day> day(Principal staff, long cemeteryId, LocalDate day, ProxySweep.Status status) {
        return Panache.withTransaction(() -> sites.requireScope(staff, cemeteryId)
                .chain(() -> sweeps.ofCemeteryAndDay(cemeteryId, day, status))
                .flatMap(list -> Panache.getSession().flatMap(session -> quota.taken(session, cemeteryId, day))
                        .call(() -> audit.record(Actor.staff(staff.id()), "PROXY_SWEEPS_READ",
                                "proxy-sweeps:" + cemeteryId + ":" + day, null))
                        .map(taken -> new Day(cemeteryId, day, config.dailyLimit(), taken,
                                list.stream().map(this::view).toList()))));
    }

    /**
     * Marks a request done, on or after its day, with the staff's note and photo reference; the resident
     * is told. Marking a done request again answers it as it is (the first note stays).
     */
    public Uni<ProxySweepStaffView> done(Principal staff, long id, Completion completion) {
        FreeText.check().lines("note", completion.note()).orFail();
        return Panache.withTransaction(() -> sweeps.findById(id, LockModeType.PESSIMISTIC_WRITE).flatMap(sweep -> {
            if (sweep == null) {
                throw ProxySweeps.notFound();
            }
            return sites.requireScope(staff, sweep.cemeteryId).flatMap(ignored -> {
                if (sweep.status == ProxySweep.Status.DONE) {
                    return Uni.createFrom().item(sweep);
                }
                if (sweep.status != ProxySweep.Status.REQUESTED) {
                    throw new DomainException(409, "PROXY_SWEEP_NOT_OPEN", sweep.status.name());
                }
                if (clock.instant().atZone(ClockProducer.ZONE).toLocalDate().isBefore(sweep.day)) {
                    throw new DomainException(409, "PROXY_SWEEP_NOT_DUE", sweep.day.toString());
                }
                sweep.status = ProxySweep.Status.DONE;
                sweep.noteEnc = cipher.seal(ProxySweep.NOTE, FreeText.optional(completion.note()));
                sweep.photoRef = FreeText.optional(completion.photoRef());
                sweep.doneBy = staff.id();
                sweep.doneAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                sweep.updatedAt = sweep.doneAt;
                return sweeps.flush()
                        .call(() -> audit.record(Actor.staff(staff.id()), "PROXY_SWEEP_DONE", "proxy-sweep:" + sweep.id, null))
                        .call(() -> outbox.record("proxy-sweep:" + sweep.id + ":DONE", "PROXY_SWEEP_DONE", sweep.residentId,
                                ProxySweeps.messageData(sweep)))
                        .replaceWith(sweep);
            });
        })).map(this::view);
    }

    private ProxySweepStaffView view(ProxySweep s) {
        return new ProxySweepStaffView(s.id, s.cemeteryId, s.day, s.status,
                Masks.name(cipher.open(ProxySweep.RESIDENT_NAME, s.residentNameEnc)),
                cipher.open(ProxySweep.GRAVE_LOCATION, s.graveLocationEnc), cipher.open(ProxySweep.MESSAGE, s.messageEnc),
                cipher.open(ProxySweep.NOTE, s.noteEnc), s.photoRef, s.doneBy, s.doneAt, s.createdAt);
    }
}
