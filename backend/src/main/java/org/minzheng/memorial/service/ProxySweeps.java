package org.minzheng.memorial.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.idempotency.IdempotencyKeys;
import org.minzheng.common.text.FreeText;
import org.minzheng.common.time.ClockProducer;
import org.minzheng.identity.service.People;
import org.minzheng.memorial.ProxySweep;
import org.minzheng.memorial.ProxySweepView;
import org.minzheng.memorial.config.ProxySweepingConfig;
import org.minzheng.memorial.repository.ProxySweepRepository;
import org.minzheng.notify.Outbox;

/**
 * The resident's side of 代祭扫: asking, listing, cancelling. A request takes one of the cemetery's places
 * of the day ({@link ProxySweepQuota}) in the same transaction as its row and its outbox row; a partial
 * unique index keeps one live request per resident, cemetery and day.
 */
@ApplicationScoped
public class ProxySweeps {

    /** What a resident asks for; the texts are personal and never printed. */
    public record Request(long cemeteryId, LocalDate day, String graveLocation, String message) {

        @Override
        public String toString() {
            return "ProxySweeps.Request[" + cemeteryId + ", " + day + "]";
        }
    }

    private final ProxySweepRepository sweeps;
    private final ProxySweepQuota quota;
    private final Cemeteries sites;
    private final People people;
    private final PersonalDataCipher cipher;
    private final IdempotencyKeys idempotency;
    private final Outbox outbox;
    private final ProxySweepingConfig config;
    private final Clock clock;

    public ProxySweeps(ProxySweepRepository sweeps, ProxySweepQuota quota, Cemeteries sites, People people,
            PersonalDataCipher cipher, IdempotencyKeys idempotency, Outbox outbox, ProxySweepingConfig config, Clock clock) {
        this.sweeps = sweeps;
        this.quota = quota;
        this.sites = sites;
        this.people = people;
        this.cipher = cipher;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Creates a request, or with {@code idempotencyKey} replays the first one made with it. Only the id is
     * remembered with the key (the texts stay sealed), and the answer is read back as it now stands.
     */
    public Uni<ProxySweepView> create(long residentId, Request request, String idempotencyKey) {
        IdempotencyKeys.validate(idempotencyKey);
        FreeText.check().line("graveLocation", request.graveLocation()).lines("message", request.message()).orFail();
        Request clean = new Request(request.cemeteryId(), request.day(), request.graveLocation().strip(),
                FreeText.optional(request.message()));
        // answered on the transaction's connection: refused after the commit, the resident would not know it was made
        return Panache.withTransaction(() -> (idempotencyKey == null ? attempt(residentId, clean)
                // the key is claimed first, so a parallel duplicate waits for this answer instead of racing it
                : idempotency.once("resident:" + residentId, idempotencyKey, fingerprint(clean), Long.class,
                        () -> attempt(residentId, clean)))
                .flatMap(id -> one(residentId, id)));
    }

    /** Keyed, so the idempotency table learns nothing of the texts. */
    private String fingerprint(Request request) {
        String canonical = String.join("\u0000", Long.toString(request.cemeteryId()), request.day().toString(),
                request.graveLocation(), request.message() == null ? "" : request.message());
        return "proxy-sweep:" + HexFormat.of().formatHex(cipher.blindIndex("PROXY_SWEEP_REQUEST", canonical));
    }

    private Uni<Long> attempt(long residentId, Request request) {
        return people.actingFor(residentId, null).flatMap(person -> sites.offeringProxySweeping(request.cemeteryId())
                .flatMap(cemetery -> {
                    checkWindow(request.day());
                    ProxySweep sweep = new ProxySweep();
                    sweep.residentId = residentId;
                    sweep.cemeteryId = cemetery.id;
                    sweep.day = request.day();
                    sweep.status = ProxySweep.Status.REQUESTED;
                    sweep.residentNameEnc = cipher.seal(ProxySweep.RESIDENT_NAME, person.name());
                    sweep.graveLocationEnc = cipher.seal(ProxySweep.GRAVE_LOCATION, request.graveLocation());
                    sweep.messageEnc = cipher.seal(ProxySweep.MESSAGE, request.message());
                    sweep.createdAt = clock.instant();
                    // the row first: a second request of the same resident is ALREADY_REQUESTED rather
                    // than being told the day is full
                    return sweeps.insertIfNone(sweep).flatMap(id -> {
                        if (id == null) {
                            throw new DomainException(409, "ALREADY_REQUESTED");
                        }
                        sweep.id = id;
                        return Panache.getSession()
                                .flatMap(session -> quota.take(session, sweep.cemeteryId, sweep.day, config.dailyLimit()))
                                .flatMap(taken -> {
                                    if (!taken) {
                                        throw new DomainException(409, "PROXY_SWEEPING_FULL");
                                    }
                                    return outbox.record("proxy-sweep:" + id + ":REQUESTED", "PROXY_SWEEP_REQUESTED",
                                            residentId, messageData(sweep));
                                })
                                .replaceWith(id);
                    });
                }));
    }

    /** From tomorrow (the staff plan their day ahead) to the horizon, in Asia/Shanghai. */
    private void checkWindow(LocalDate day) {
        LocalDate today = clock.instant().atZone(ClockProducer.ZONE).toLocalDate();
        LocalDate first = today.plusDays(1);
        LocalDate last = today.plusDays(config.horizonDays());
        if (day.isBefore(first) || day.isAfter(last)) {
            throw new DomainException(409, "OUTSIDE_REQUEST_WINDOW", first.toString(), last.toString());
        }
    }

    public Uni<List<ProxySweepView>> page(long residentId, Long before, int limitPlusOne) {
        return Panache.withSession(() -> sweeps.ofResident(residentId, before, limitPlusOne))
                .map(list -> list.stream().map(this::view).toList());
    }

    /** The resident's own request; anyone else's is 404 like one that does not exist. */
    public Uni<ProxySweepView> one(long residentId, long id) {
        return Panache.withSession(() -> sweeps.find("id = ?1 AND residentId = ?2", id, residentId).firstResult())
                .map(sweep -> {
                    if (sweep == null) {
                        throw notFound();
                    }
                    return view(sweep);
                });
    }

    /**
     * Cancels a request still waiting, before its day starts (Asia/Shanghai); the day's place goes back.
     * Cancelling a cancelled request answers it again.
     */
    public Uni<ProxySweepView> cancel(long residentId, long id) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> sweeps
                .find("id = ?1 AND residentId = ?2", id, residentId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .flatMap(sweep -> {
                    if (sweep == null) {
                        throw notFound();
                    }
                    if (sweep.status == ProxySweep.Status.CANCELLED) {
                        return Uni.createFrom().item(sweep);
                    }
                    if (sweep.status != ProxySweep.Status.REQUESTED) {
                        throw new DomainException(409, "PROXY_SWEEP_NOT_CANCELLABLE", sweep.status.name());
                    }
                    if (!clock.instant().isBefore(sweep.day.atStartOfDay(ClockProducer.ZONE).toInstant())) {
                        throw new DomainException(409, "CANCELLATION_CLOSED");
                    }
                    sweep.status = ProxySweep.Status.CANCELLED;
                    sweep.cancelledAt = clock.instant();
                    sweep.updatedAt = sweep.cancelledAt;
                    return sweeps.flush().call(() -> quota.giveBack(session, sweep.cemeteryId, sweep.day)).replaceWith(sweep);
                })))
                .map(this::view);
    }

    private ProxySweepView view(ProxySweep s) {
        return new ProxySweepView(s.id, s.cemeteryId, s.day, s.status,
                cipher.open(ProxySweep.GRAVE_LOCATION, s.graveLocationEnc), cipher.open(ProxySweep.MESSAGE, s.messageEnc),
                cipher.open(ProxySweep.NOTE, s.noteEnc), s.photoRef, s.createdAt, s.doneAt, s.cancelledAt);
    }

    static DomainException notFound() {
        return new DomainException(404, "PROXY_SWEEP_NOT_FOUND");
    }

    /** Message fields: references only, never the texts or the name. */
    static Map<String, Object> messageData(ProxySweep s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("proxySweepId", s.id);
        data.put("cemeteryId", s.cemeteryId);
        data.put("day", s.day.toString());
        data.put("status", s.status.name());
        return data;
    }
}
