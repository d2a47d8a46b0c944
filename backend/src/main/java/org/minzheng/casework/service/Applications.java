package org.minzheng.casework.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import org.minzheng.casework.Application;
import org.minzheng.casework.ApplicationType;
import org.minzheng.casework.Workflow;
import org.minzheng.casework.repository.ApplicationDocumentRepository;
import org.minzheng.casework.repository.ApplicationRepository;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DatabaseErrors;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.common.idempotency.IdempotencyKeys;
import org.minzheng.identity.service.People;
import org.minzheng.identity.service.Principal;
import org.minzheng.notify.Outbox;

/**
 * The casework engine: drafts, and every transition of an application through its type's workflow. A
 * transition checks who acts (the applicant, or staff by role and street), the version they saw (stale:
 * 409), the comment it needs, and that a claimed case is its assignee's; it writes the history row and
 * the applicant's message in the same transaction. Repeating the last transition as it was made answers
 * the application again instead of failing as stale.
 */
@ApplicationScoped
public class Applications {

    static final String FORM = "application.form";
    static final String COMMENT = "application_history.comment";
    static final String DATA = "application_history.data";

    /**
     * What the caller sees; {@code actions}: what the caller may do now. {@code form} only where the reader
     * may read it (the applicant; staff in the audited detail, never in lists); {@code assigneeId} only for staff.
     */
    public record View(long id, String type, String streetCode, String status, int version, Long assigneeId,
            Instant dueAt, boolean overdue, Map<String, Object> form, List<String> actions, Instant createdAt,
            Instant updatedAt) {

        @Override
        public String toString() {
            return "Application[" + id + ", " + type + ", " + status + ", v" + version + "]"; // never the form
        }
    }

    /** One history row; {@code comment} only where its reader may see it. */
    public record Step(int version, String action, String fromStatus, String toStatus, String actor, String comment,
            Map<String, Object> data, Instant at) {

        @Override
        public String toString() {
            return "Step[" + version + ", " + action + "]"; // never the comment
        }
    }

    private final ApplicationRepository applications;
    private final ApplicationDocumentRepository documents;
    private final ApplicationTypes types;
    private final Subjects subjects;
    private final People people;
    private final PersonalDataCipher cipher;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final IdempotencyKeys idempotency;
    private final Clock clock;

    public Applications(ApplicationRepository applications, ApplicationDocumentRepository documents,
            ApplicationTypes types, Subjects subjects, People people, PersonalDataCipher cipher, Outbox outbox,
            ObjectMapper json, IdempotencyKeys idempotency, Clock clock) {
        this.applications = applications;
        this.documents = documents;
        this.types = types;
        this.subjects = subjects;
        this.people = people;
        this.cipher = cipher;
        this.outbox = outbox;
        this.json = json;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /**
     * A verified resident's new draft, in the street that will handle it. With {@code idempotencyKey}, a
     * retry answers the draft made the first time (only its id is kept with the key: the form stays sealed).
     */
    public Uni<View> draft(long residentId, String type, String requestedStreet, Map<String, Object> form,
            String idempotencyKey) {
        IdempotencyKeys.validate(idempotencyKey);
        Workflow workflow = types.of(type).workflow();
        Map<String, Object> prepared = types.of(type).prepare(null, form);
        types.of(type).validate(prepared);
        String streetCode = street(types.of(type), requestedStreet, prepared);
        if (idempotencyKey == null) {
            return create(residentId, type, streetCode, prepared, workflow).map(app -> view(app, Principal.resident(residentId)));
        }
        String fingerprint = "application:" + java.util.HexFormat.of().formatHex(cipher.blindIndex(FORM,
                type + "\u0000" + streetCode + "\u0000" + canonical(prepared)));
        return Panache.withTransaction(() -> idempotency.once("resident:" + residentId, idempotencyKey, fingerprint, Long.class,
                () -> create(residentId, type, streetCode, prepared, workflow).map(app -> app.id))
                .flatMap(id -> mine(residentId, id))); // answered on the transaction's connection
    }

    private Uni<Application> create(long residentId, String type, String streetCode, Map<String, Object> form,
            Workflow workflow) {
        return people.actingFor(residentId, null).flatMap(me -> Panache.withTransaction(() -> {
            Application app = new Application();
            app.type = type;
            app.applicantId = residentId;
            app.streetCode = streetCode;
            app.status = workflow.initial();
            app.formEnc = seal(form);
            app.createdAt = clock.instant();
            app.updatedAt = app.createdAt;
            return applications.persistAndFlush(app)
                    .call(a -> history(a, "CREATE", null, Principal.resident(residentId), null, null));
        }));
    }

    /** The street the form decides (a household's address), else the one the applicant named. */
    private static String street(ApplicationType type, String requested, Map<String, Object> form) {
        String derived = type.streetOf(form);
        if (derived != null && requested != null && !derived.equals(requested)) {
            throw new DomainException(422, "STREET_MISMATCH", List.of(new FieldError("streetCode", "STREET_MISMATCH", null)),
                    Map.of());
        }
        if (derived == null && requested == null) {
            throw new DomainException(400, "STREET_REQUIRED", List.of(new FieldError("streetCode", "STREET_REQUIRED", null)),
                    Map.of());
        }
        return derived != null ? derived : requested;
    }

    private String canonical(Map<String, Object> form) {
        try {
            return json.writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(form == null ? Map.of() : form);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The applicant edits the form while it is theirs to edit (a draft, or returned for a supplement). */
    public Uni<View> edit(long residentId, long id, int expectedVersion, Map<String, Object> form) {
        return Panache.withTransaction(() -> lockMine(residentId, id).flatMap(app -> {
            if (app.version != expectedVersion) {
                throw new DomainException(409, "STALE_VERSION");
            }
            Workflow workflow = types.of(app.type).workflow();
            if (!editable(workflow, app.status)) {
                throw new DomainException(409, "NOT_EDITABLE", app.status);
            }
            ApplicationType type = types.of(app.type);
            Map<String, Object> merged = type.prepare(open(app.formEnc), form);
            type.validate(merged);
            String street = type.streetOf(merged);
            if (street != null && !street.equals(app.streetCode)) {
                if (app.submittedAt != null) { // its street's staff already hold it: a move is a new application
                    throw new DomainException(409, "STREET_FIXED");
                }
                app.streetCode = street;
            }
            app.formEnc = seal(merged);
            app.updatedAt = clock.instant();
            return applications.flush().replaceWith(app);
        })).map(app -> view(app, Principal.resident(residentId)));
    }

    /** The applicant's own application, or 404 (someone else's too). */
    public Uni<View> mine(long residentId, long id) {
        return Panache.withSession(() -> applications.find("id = ?1 AND applicantId = ?2", id, residentId).firstResult())
                .map(app -> {
                    if (app == null) {
                        throw notFound();
                    }
                    return view(app, Principal.resident(residentId));
                });
    }

    public Uni<List<View>> mine(long residentId, Long before, int limitPlusOne) {
        return Panache.withSession(() -> applications.find("applicantId = ?1 AND id < ?2 ORDER BY id DESC", residentId,
                before == null ? Long.MAX_VALUE : before).page(0, limitPlusOne).list())
                .map(list -> list.stream().map(app -> view(app, Principal.resident(residentId))).toList());
    }

    /** Applies {@code action}; the applicant acts as {@link Workflow#APPLICANT}, staff by role and street. */
    public Uni<View> act(Principal actor, long id, String action, int expectedVersion, String comment,
            Map<String, Object> data) {
        String said = comment == null || comment.isBlank() ? null : comment.strip();
        Map<String, Object> entered = data == null ? Map.of() : data;
        return Panache.withTransaction(() -> lockVisible(actor, id).flatMap(app -> {
            if (app.version != expectedVersion) {
                return repeated(app, actor, action, expectedVersion, said, entered).map(same -> {
                    if (!same) {
                        throw new DomainException(409, "STALE_VERSION");
                    }
                    return app;
                });
            }
            Workflow.Transition t = types.of(app.type).workflow().find(app.status, action)
                    .filter(found -> !found.timed())
                    .orElseThrow(() -> new DomainException(409, "ACTION_NOT_ALLOWED", action, app.status));
            boolean allowed = actor.kind() == Principal.Kind.RESIDENT ? t.byApplicant() : Jurisdiction.mayAct(actor, t, app);
            if (!allowed) {
                throw new DomainException(403, "FORBIDDEN_ACTION", action);
            }
            if (actor.kind() == Principal.Kind.STAFF && app.assigneeId != null && app.assigneeId != actor.id()
                    && !Jurisdiction.isAdmin(actor)) {
                throw new DomainException(409, "CLAIMED_BY_OTHER");
            }
            if (t.requiresComment() && said == null) {
                throw new DomainException(422, "COMMENT_REQUIRED", List.of(new FieldError("comment", "COMMENT_REQUIRED", null)),
                        Map.of());
            }
            return move(app, t, actor, said, entered);
        })).map(app -> view(app, actor));
    }

    /**
     * Takes the timed transition of every application whose state's time ran out (a public notice's seven
     * days): each in its own transaction, claimed with SKIP LOCKED so replicas share the work; one that fails
     * (a domain refusing it) waits an hour before it is tried again, so it never holds up the others
     * ({@link #timerFailed}).
     * Answers how many moved.
     */
    public Uni<Integer> runTimers(int batch) {
        Uni<Integer> moved = Uni.createFrom().item(0);
        for (ApplicationType type : types.all()) {
            for (Workflow.Transition t : type.workflow().transitions()) {
                if (t.timed()) {
                    moved = moved.flatMap(sum -> timeUp(type.type(), t, batch).map(n -> sum + n));
                }
            }
        }
        return moved;
    }

    private Uni<Integer> timeUp(String type, Workflow.Transition t, int batch) {
        Principal timer = Principal.system(Workflow.TIMER);
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT id FROM application
                WHERE type = :type AND status = :status AND coalesce(due_at, 'infinity'::timestamptz) <= :now
                  AND (timer_retry_at IS NULL OR timer_retry_at <= :now)
                ORDER BY coalesce(due_at, 'infinity'::timestamptz), id LIMIT :batch""", Long.class)
                .setParameter("type", type).setParameter("status", t.from()).setParameter("now", clock.instant())
                .setParameter("batch", batch).getResultList()))
                .flatMap(ids -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Long id : ids) {
                        chain = chain.flatMap(n -> Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s
                                .createNativeQuery("""
                                        SELECT id FROM application WHERE id = :id AND status = :status AND due_at <= :now
                                        FOR UPDATE SKIP LOCKED""", Long.class) // another replica has it, or it moved on
                                .setParameter("id", id).setParameter("status", t.from()).setParameter("now", clock.instant())
                                .getSingleResultOrNull())
                                .flatMap(locked -> locked == null ? Uni.createFrom().item(0)
                                        : applications.findById(id).flatMap(app -> move(app, t, timer, null, Map.of()))
                                                .replaceWith(1)))
                                .onFailure().recoverWithUni(f -> timerFailed(id, t, f))
                                .map(m -> n + m));
                    }
                    return chain;
                });
    }

    private static final Duration TIMER_RETRY = Duration.ofHours(1);

    /**
     * A timed transition that failed waits {@link #TIMER_RETRY} before it is tried again, so a domain refusing it never
     * holds up the others; but one that found no database connection in time (an overloaded backend, nothing wrong with
     * the application) is left for the timers' next run.
     */
    Uni<Integer> timerFailed(long id, Workflow.Transition t, Throwable failure) {
        if (DatabaseErrors.noConnection(failure)) {
            Log.warnf("Application %d stays %s past its time (no database connection in time); tried again next run", id,
                    t.from());
            return Uni.createFrom().item(0);
        }
        Log.warnf("Application %d stays %s past its time (%s); tried again in %s", id, t.from(),
                failure instanceof DomainException d ? d.code() : failure.getClass().getSimpleName(), TIMER_RETRY);
        return retryLater(id).replaceWith(0);
    }

    private Uni<Void> retryLater(long id) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s
                .createNativeQuery("UPDATE application SET timer_retry_at = :at WHERE id = :id")
                .setParameter("at", clock.instant().plus(TIMER_RETRY)).setParameter("id", id).executeUpdate()))
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    /** Makes the transition (the caller checked who may): state, due date, subjects, the domain's part, history, message. */
    private Uni<Application> move(Application app, Workflow.Transition t, Principal actor, String said,
            Map<String, Object> data) {
        ApplicationType type = types.of(app.type);
        Workflow workflow = type.workflow();
        String from = app.status;
        app.status = t.to();
        app.dueAt = workflow.slaOf(t.to()).map(sla -> clock.instant().plus(sla)).orElse(null);
        app.updatedAt = clock.instant();
        // submitted: out of the draft to someone's desk (a draft withdrawn stays the applicant's alone)
        if (from.equals(workflow.initial()) && !workflow.isFinal(t.to()) && app.submittedAt == null) {
            app.submittedAt = app.updatedAt;
        }
        // the case moves on to others (street to district, or by the clock): the claim ends
        if (app.assigneeId != null && (t.timed() || actor.kind() == Principal.Kind.STAFF
                && workflow.from(t.to()).stream().noneMatch(next -> Jurisdiction.mayAct(actor, next, app)))) {
            app.assigneeId = null;
        }
        app.timerRetryAt = null;
        Map<String, Object> form = open(app.formEnc);
        return documented(t, app).chain(() -> applications.flush())
                .call(() -> subjects.track(app, type, from, t, form))
                .call(() -> type.onTransition(new ApplicationType.Moved(app, t, form, data, actor)))
                .call(() -> history(app, t.action(), from, actor, said, data))
                .call(() -> outbox.record("application:" + app.id + ":" + app.version, "APPLICATION_" + t.to(),
                        app.applicantId, message(app, t.action())))
                .replaceWith(app);
    }

    /** The history as its reader may see it: the applicant sees who acted by kind and the comments meant for them. */
    public Uni<List<Step>> history(Principal reader, long id) {
        return Panache.withSession(() -> lockless(reader, id).flatMap(app -> Panache.getSession().flatMap(s -> s
                .createNativeQuery("""
                        SELECT version, action, from_status, to_status, actor_kind, actor_id, comment_enc, at, data_enc
                        FROM application_history WHERE application_id = :id ORDER BY version""", Object[].class)
                .setParameter("id", id).getResultList())
                .map(rows -> rows.stream().map(r -> step(reader, app, r)).toList())));
    }

    private Step step(Principal reader, Application app, Object[] r) {
        String action = (String) r[1];
        String kind = (String) r[4];
        boolean staffReads = reader.kind() == Principal.Kind.STAFF;
        // the applicant reads what they wrote themselves, and what the transition made was meant to tell them
        boolean meantForApplicant = Principal.Kind.RESIDENT.name().equals(kind) || r[2] != null
                && types.of(app.type).workflow().find((String) r[2], action).map(Workflow.Transition::tellsApplicant)
                        .orElse(false);
        boolean readable = staffReads || meantForApplicant;
        String comment = r[6] != null && readable ? cipher.open(COMMENT, (byte[]) r[6]) : null;
        Map<String, Object> data = r[8] != null && readable ? readMap(cipher.open(DATA, (byte[]) r[8])) : null;
        String actor = staffReads && r[5] != null ? kind + ":" + r[5] : kind;
        return new Step(((Number) r[0]).intValue(), action, (String) r[2], (String) r[3], actor, comment, data,
                org.minzheng.common.time.SqlTimes.instant(r[7]));
    }

    /**
     * Whether this very request already went through: the transition made from {@code expectedVersion} (its
     * history row is the next version) was this action, by this actor, with this comment. Later changes (a
     * claim) don't matter.
     */
    private Uni<Boolean> repeated(Application app, Principal actor, String action, int expectedVersion, String comment,
            Map<String, Object> data) {
        if (expectedVersion >= app.version) {
            return Uni.createFrom().item(false);
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT action, actor_kind, actor_id, comment_enc, data_enc FROM application_history
                WHERE application_id = :id AND version = :version""", Object[].class)
                .setParameter("id", app.id).setParameter("version", expectedVersion + 1).getSingleResultOrNull())
                .map(r -> r != null && action.equals(r[0]) && actor.kind().name().equals(r[1])
                        && r[2] != null && ((Number) r[2]).longValue() == actor.id()
                        && Objects.equals(comment, r[3] == null ? null : cipher.open(COMMENT, (byte[]) r[3]))
                        && canonical(data).equals(r[4] == null ? canonical(Map.of())
                                : canonical(readMap(cipher.open(DATA, (byte[]) r[4])))));
    }

    private Uni<Void> history(Application app, String action, String from, Principal actor, String comment,
            Map<String, Object> data) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO application_history (application_id, version, action, from_status, to_status, actor_kind,
                                                 actor_id, comment_enc, data_enc, at)
                VALUES (:id, :version, :action, :from, :to, :kind, :actor, :comment, :data, :at)""")
                .setParameter("id", app.id).setParameter("version", app.version).setParameter("action", action)
                .setParameter("from", from).setParameter("to", app.status).setParameter("kind", actor.kind().name())
                .setParameter("actor", actor.kind() == Principal.Kind.SYSTEM ? null : actor.id())
                .setParameter("comment", comment == null ? null : cipher.seal(COMMENT, comment))
                .setParameter("data", data == null || data.isEmpty() ? null : cipher.seal(DATA, canonical(data)))
                .setParameter("at", clock.instant()).executeUpdate()).replaceWithVoid();
    }

    /** The application as the reader may see it (its applicant; staff in whose jurisdiction it is), else 404. */
    public Uni<Application> seenBy(Principal reader, long id) {
        return Panache.withSession(() -> applications.findById(id)).map(app -> visible(reader, app));
    }

    /** 404 unless the reader may see the application (its applicant; staff in whose jurisdiction it is). */
    public Uni<Void> requireVisible(Principal reader, long id) {
        return Panache.withSession(() -> applications.findById(id)).invoke(app -> visible(reader, app)).replaceWithVoid();
    }

    /** Whether the staff member could take one of the actions that leave the application's status. */
    boolean canAct(Principal staff, Application app) {
        return types.of(app.type).workflow().from(app.status).stream().anyMatch(t -> Jurisdiction.mayAct(staff, t, app));
    }

    /** Locked for a transition; 404 unless the actor may see it (staff never see drafts). */
    private Uni<Application> lockVisible(Principal actor, long id) {
        return applications.findById(id, LockModeType.PESSIMISTIC_WRITE).map(app -> visible(actor, app));
    }

    private Uni<Application> lockless(Principal reader, long id) {
        return applications.findById(id).map(app -> visible(reader, app));
    }

    Application visible(Principal actor, Application app) {
        boolean sees = app != null && (actor.kind() == Principal.Kind.RESIDENT ? app.applicantId == actor.id()
                : app.submittedAt != null && Jurisdiction.sees(actor, app));
        if (!sees) {
            throw notFound();
        }
        return app;
    }

    private Uni<Application> lockMine(long residentId, long id) {
        return applications.find("id = ?1 AND applicantId = ?2", id, residentId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult().onItem().ifNull().failWith(Applications::notFound);
    }

    /**
     * 422 where the transition needs documents and the application holds none; counted under the
     * application's lock, which uploads and removals take too.
     */
    private Uni<Void> documented(Workflow.Transition t, Application app) {
        if (!t.requiresDocuments()) {
            return Uni.createFrom().voidItem();
        }
        return documents.countCurrent(app.id).invoke(count -> {
            if (count == 0) {
                throw new DomainException(422, "DOCUMENTS_REQUIRED");
            }
        }).replaceWithVoid();
    }

    /** The applicant edits only where an applicant's action (submit, resubmit) leads on. */
    static boolean editable(Workflow workflow, String status) {
        return workflow.from(status).stream().anyMatch(t -> t.byApplicant() && !t.action().equals("withdraw"));
    }

    View view(Application app, Principal reader) {
        return view(app, reader, true);
    }

    /** As staff see it in a list: no form (reading one is audited, one application at a time). */
    View summary(Application app, Principal staff) {
        return view(app, staff, false);
    }

    private View view(Application app, Principal reader, boolean withForm) {
        Workflow workflow = types.of(app.type).workflow();
        boolean resident = reader.kind() == Principal.Kind.RESIDENT;
        List<String> actions = workflow.from(app.status).stream()
                .filter(t -> reader.kind() == Principal.Kind.RESIDENT ? t.byApplicant() : Jurisdiction.mayAct(reader, t, app))
                .map(Workflow.Transition::action).toList();
        boolean overdue = app.dueAt != null && clock.instant().isAfter(app.dueAt);
        Map<String, Object> form = withForm ? types.of(app.type).masked(open(app.formEnc)) : null;
        return new View(app.id, app.type, app.streetCode, app.status, app.version, resident ? null : app.assigneeId,
                app.dueAt, overdue, form, actions, app.createdAt, app.updatedAt);
    }

    /** The applicant's message: ids and words only, never the form ({@code title}, {@code outcome} fill WeChat's keywords). */
    private Map<String, Object> message(Application app, String action) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("applicationId", app.id);
        data.put("type", app.type);
        data.put("title", types.of(app.type).title());
        data.put("status", app.status);
        data.put("outcome", org.minzheng.casework.StatusLabels.of(app.status));
        data.put("action", action);
        return data;
    }

    private byte[] seal(Map<String, Object> form) {
        try {
            return cipher.seal(FORM, json.writeValueAsString(form == null ? Map.of() : form));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The application's form as stored, unmasked: for an audited reveal only. */
    Map<String, Object> form(Application app) {
        return open(app.formEnc);
    }

    private Map<String, Object> open(byte[] sealed) {
        return readMap(cipher.open(FORM, sealed));
    }

    private Map<String, Object> readMap(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable sealed data", e);
        }
    }

    static DomainException notFound() {
        return new DomainException(404, "APPLICATION_NOT_FOUND");
    }
}
