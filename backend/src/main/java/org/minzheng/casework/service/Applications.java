package org.minzheng.casework.service;

import java.time.Clock;
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
import io.smallrye.mutiny.Uni;

import org.minzheng.casework.Application;
import org.minzheng.casework.Workflow;
import org.minzheng.casework.repository.ApplicationDocumentRepository;
import org.minzheng.casework.repository.ApplicationRepository;
import org.minzheng.common.crypto.PersonalDataCipher;
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
            Instant at) {

        @Override
        public String toString() {
            return "Step[" + version + ", " + action + "]"; // never the comment
        }
    }

    private final ApplicationRepository applications;
    private final ApplicationDocumentRepository documents;
    private final ApplicationTypes types;
    private final People people;
    private final PersonalDataCipher cipher;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final IdempotencyKeys idempotency;
    private final Clock clock;

    public Applications(ApplicationRepository applications, ApplicationDocumentRepository documents,
            ApplicationTypes types, People people, PersonalDataCipher cipher, Outbox outbox, ObjectMapper json,
            IdempotencyKeys idempotency, Clock clock) {
        this.applications = applications;
        this.documents = documents;
        this.types = types;
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
    public Uni<View> draft(long residentId, String type, String streetCode, Map<String, Object> form,
            String idempotencyKey) {
        IdempotencyKeys.validate(idempotencyKey);
        Workflow workflow = types.of(type).workflow();
        types.of(type).validate(form);
        if (idempotencyKey == null) {
            return create(residentId, type, streetCode, form, workflow).map(app -> view(app, Principal.resident(residentId)));
        }
        String fingerprint = "application:" + java.util.HexFormat.of().formatHex(cipher.blindIndex(FORM,
                type + "\u0000" + streetCode + "\u0000" + canonical(form)));
        return Panache.withTransaction(() -> idempotency.once("resident:" + residentId, idempotencyKey, fingerprint, Long.class,
                () -> create(residentId, type, streetCode, form, workflow).map(app -> app.id)))
                .flatMap(id -> mine(residentId, id));
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
                    .call(a -> history(a, "CREATE", null, Principal.resident(residentId), null));
        }));
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
            types.of(app.type).validate(form);
            app.formEnc = seal(form);
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
    public Uni<View> act(Principal actor, long id, String action, int expectedVersion, String comment) {
        String said = comment == null || comment.isBlank() ? null : comment.strip();
        return Panache.withTransaction(() -> lockVisible(actor, id).flatMap(app -> {
            if (app.version != expectedVersion) {
                return repeated(app, actor, action, expectedVersion, said).map(same -> {
                    if (!same) {
                        throw new DomainException(409, "STALE_VERSION");
                    }
                    return app;
                });
            }
            Workflow workflow = types.of(app.type).workflow();
            Workflow.Transition t = workflow.find(app.status, action)
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
            String from = app.status;
            app.status = t.to();
            app.dueAt = workflow.slaOf(t.to()).map(sla -> clock.instant().plus(sla)).orElse(null);
            app.updatedAt = clock.instant();
            // submitted: out of the draft to someone's desk (a draft withdrawn stays the applicant's alone)
            if (from.equals(workflow.initial()) && !workflow.isFinal(t.to()) && app.submittedAt == null) {
                app.submittedAt = app.updatedAt;
            }
            // the case moves on to others (street to district): a claim by whoever can do nothing more ends
            if (actor.kind() == Principal.Kind.STAFF && app.assigneeId != null
                    && workflow.from(t.to()).stream().noneMatch(next -> Jurisdiction.mayAct(actor, next, app))) {
                app.assigneeId = null;
            }
            return documented(t, app).chain(() -> applications.flush())
                    .call(() -> history(app, action, from, actor, said))
                    .call(() -> outbox.record("application:" + app.id + ":" + app.version, "APPLICATION_" + t.to(),
                            app.applicantId, message(app, action)))
                    .replaceWith(app);
        })).map(app -> view(app, actor));
    }

    /** The history as its reader may see it: the applicant sees who acted by kind and the comments meant for them. */
    public Uni<List<Step>> history(Principal reader, long id) {
        return Panache.withSession(() -> lockless(reader, id).flatMap(app -> Panache.getSession().flatMap(s -> s
                .createNativeQuery("""
                        SELECT version, action, from_status, to_status, actor_kind, actor_id, comment_enc, at
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
        String comment = r[6] != null && (staffReads || meantForApplicant) ? cipher.open(COMMENT, (byte[]) r[6]) : null;
        String actor = staffReads && r[5] != null ? kind + ":" + r[5] : kind;
        return new Step(((Number) r[0]).intValue(), action, (String) r[2], (String) r[3], actor, comment,
                org.minzheng.common.time.SqlTimes.instant(r[7]));
    }

    /**
     * Whether this very request already went through: the transition made from {@code expectedVersion} (its
     * history row is the next version) was this action, by this actor, with this comment. Later changes (a
     * claim) don't matter.
     */
    private Uni<Boolean> repeated(Application app, Principal actor, String action, int expectedVersion, String comment) {
        if (expectedVersion >= app.version) {
            return Uni.createFrom().item(false);
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT action, actor_kind, actor_id, comment_enc FROM application_history
                WHERE application_id = :id AND version = :version""", Object[].class)
                .setParameter("id", app.id).setParameter("version", expectedVersion + 1).getSingleResultOrNull())
                .map(r -> r != null && action.equals(r[0]) && actor.kind().name().equals(r[1])
                        && r[2] != null && ((Number) r[2]).longValue() == actor.id()
                        && Objects.equals(comment, r[3] == null ? null : cipher.open(COMMENT, (byte[]) r[3])));
    }

    private Uni<Void> history(Application app, String action, String from, Principal actor, String comment) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO application_history (application_id, version, action, from_status, to_status, actor_kind,
                                                 actor_id, comment_enc, at)
                VALUES (:id, :version, :action, :from, :to, :kind, :actor, :comment, :at)""")
                .setParameter("id", app.id).setParameter("version", app.version).setParameter("action", action)
                .setParameter("from", from).setParameter("to", app.status).setParameter("kind", actor.kind().name())
                .setParameter("actor", actor.id())
                .setParameter("comment", comment == null ? null : cipher.seal(COMMENT, comment))
                .setParameter("at", clock.instant()).executeUpdate()).replaceWithVoid();
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
        return new View(app.id, app.type, app.streetCode, app.status, app.version, resident ? null : app.assigneeId,
                app.dueAt, overdue, withForm ? open(app.formEnc) : null, actions, app.createdAt, app.updatedAt);
    }

    private static Map<String, Object> message(Application app, String action) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("applicationId", app.id);
        data.put("type", app.type);
        data.put("status", app.status);
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

    private Map<String, Object> open(byte[] sealed) {
        try {
            return json.readValue(cipher.open(FORM, sealed), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable form", e);
        }
    }

    static DomainException notFound() {
        return new DomainException(404, "APPLICATION_NOT_FOUND");
    }
}
