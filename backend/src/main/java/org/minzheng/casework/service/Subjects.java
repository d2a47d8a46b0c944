package org.minzheng.casework.service;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.hibernate.reactive.mutiny.Mutiny;
import org.minzheng.casework.Application;
import org.minzheng.casework.ApplicationType;
import org.minzheng.casework.Workflow;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DatabaseErrors;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.common.time.SqlTimes;
import org.minzheng.identity.service.PersonalFields;

/**
 * The people applications are about, by the blind index of their ID numbers: recorded when the applicant
 * submits (again after a return: the household may have changed). In a type's exclusive scope a person holds
 * one place at most while the case is in the type's holding states — checked first to name who, and kept by a
 * partial unique index when two cases are taken on at once.
 */
@ApplicationScoped
public class Subjects {

    /** An application a person is a subject of, in the state it is in since {@code since}. */
    public record Place(long applicationId, String type, String status, Instant since, Instant dueAt) {
    }

    private final PersonalDataCipher cipher;

    public Subjects(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * After a transition from {@code from}: the applicant's submission records who the application is about
     * (not yet holding a place); entering the type's holding states takes the places, 409 naming the people
     * held elsewhere (told to the staff member acting, who may know); leaving them gives the places back.
     */
    Uni<Void> track(Application app, ApplicationType type, String from, Workflow.Transition t, Map<String, Object> form) {
        boolean held = type.holdingStates().contains(from);
        boolean holds = type.holdingStates().contains(t.to());
        Uni<Void> recorded = t.byApplicant() && !type.workflow().isFinal(t.to())
                ? type.subjects(app, form).flatMap(subjects -> record(app, subjects)) : Uni.createFrom().voidItem();
        if (holds && !held) {
            return recorded.flatMap(ignored -> take(app, type.exclusiveScope()));
        }
        if (held && !holds) {
            return recorded.flatMap(ignored -> session().flatMap(s -> s.createNativeQuery(
                    "UPDATE application_subject SET holds = false WHERE application_id = :id AND holds")
                    .setParameter("id", app.id).executeUpdate())).replaceWithVoid();
        }
        return recorded;
    }

    private Uni<Void> record(Application app, List<ApplicationType.Subject> subjects) {
        return session().flatMap(s -> s.createNativeQuery("DELETE FROM application_subject WHERE application_id = :id")
                .setParameter("id", app.id).executeUpdate()
                .flatMap(ignored -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    // in index order, so two households sharing people lock them in the same order
                    for (ApplicationType.Subject subject : subjects.stream()
                            .sorted((x, y) -> java.util.Arrays.compare(index(x), index(y))).toList()) {
                        chain = chain.flatMap(none -> s.createNativeQuery("""
                                INSERT INTO application_subject (application_id, id_number_index, scope, holds, field)
                                VALUES (:id, :person, NULL, false, :field)
                                ON CONFLICT (application_id, id_number_index) DO NOTHING""")
                                .setParameter("id", app.id).setParameter("person", index(subject))
                                .setParameter("field", subject.field()).executeUpdate().replaceWithVoid());
                    }
                    return chain;
                }));
    }

    /** The recorded subjects take their places: 409 naming (by form field) those who hold one elsewhere. */
    private Uni<Void> take(Application app, String scope) {
        if (scope == null) {
            return Uni.createFrom().voidItem();
        }
        return session().flatMap(s -> s.createNativeQuery("""
                SELECT coalesce(mine.field, 'form') FROM application_subject mine
                WHERE mine.application_id = :id AND EXISTS (
                    SELECT 1 FROM application_subject other
                    WHERE other.scope = :scope AND other.id_number_index = mine.id_number_index AND other.holds
                      AND other.application_id <> :id)
                ORDER BY 1""", String.class)
                .setParameter("id", app.id).setParameter("scope", scope).getResultList()
                .flatMap(taken -> {
                    if (!taken.isEmpty()) {
                        throw inOtherApplication(taken);
                    }
                    return s.createNativeQuery("UPDATE application_subject SET holds = true, scope = :scope WHERE application_id = :id")
                            .setParameter("scope", scope).setParameter("id", app.id).executeUpdate();
                }))
                .replaceWithVoid()
                .onFailure(DatabaseErrors::uniqueViolation) // taken by a case accepted at the same moment
                .transform(f -> inOtherApplication(List.of("form")));
    }

    /** The blind indexes of the people the application was submitted about (in the caller's session, if any). */
    public Uni<List<byte[]>> recorded(long applicationId) {
        return Panache.withSession(() -> session().flatMap(s -> s.createNativeQuery(
                "SELECT id_number_index FROM application_subject WHERE application_id = :id ORDER BY field", byte[].class)
                .setParameter("id", applicationId).getResultList()));
    }

    /** Where the person (by ID number index) is a subject of an application of one of {@code types} in {@code status}. */
    public Uni<List<Place>> of(byte[] idNumberIndex, Collection<String> types, String status) {
        return Panache.withSession(() -> session().flatMap(s -> s.createNativeQuery("""
                SELECT a.id, a.type, a.status,
                       (SELECT max(h.at) FROM application_history h WHERE h.application_id = a.id AND h.to_status = a.status),
                       a.due_at
                FROM application_subject p JOIN application a ON a.id = p.application_id
                WHERE p.id_number_index = :person AND p.holds AND a.status = :status AND a.type IN (:types)
                ORDER BY a.id""", Object[].class)
                .setParameter("person", idNumberIndex).setParameter("status", status).setParameter("types", types)
                .getResultList()))
                .map(rows -> rows.stream().map(r -> new Place(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                        SqlTimes.instant(r[3]), r[4] == null ? null : SqlTimes.instant(r[4]))).toList());
    }

    private byte[] index(ApplicationType.Subject subject) {
        return cipher.blindIndex(PersonalFields.ID_NUMBER, subject.idNumber());
    }

    private static DomainException inOtherApplication(List<String> fields) {
        return new DomainException(409, "SUBJECT_IN_OTHER_APPLICATION",
                fields.stream().map(f -> new FieldError(f, "SUBJECT_IN_OTHER_APPLICATION", null)).toList(), Map.of());
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
