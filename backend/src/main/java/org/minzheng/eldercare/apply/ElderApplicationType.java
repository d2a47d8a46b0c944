package org.minzheng.eldercare.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Uni;

import org.minzheng.casework.Application;
import org.minzheng.casework.ApplicationType;
import org.minzheng.casework.Workflow;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.district.Streets;
import org.minzheng.eldercare.service.ElderEligibility;
import org.minzheng.identity.service.People;

/**
 * An elderly service applied for through the casework engine, by the elder or their family for them: the form
 * names the elder ({@code person}: a dependant's id, absent for the applicant) and the home whose street
 * handles it; the elder is the application's subject, with one open application per service; submitting
 * checks the elder is eligible now. What a service adds to its own steps is its subclass's.
 */
public abstract class ElderApplicationType implements ApplicationType {

    private static final Set<String> FORM_KEYS = Set.of("person", "address", "note");
    /** The states a decision grants the service in. */
    private static final Set<String> DECISIONS = Set.of("APPROVED", "REGISTERED");
    private static final Set<String> ADDRESS_KEYS = Set.of("streetCode", "community", "detail");

    private final String type;
    private final String title;
    private final String service;
    private final Workflow workflow;
    private final Set<String> holding;
    protected final People people;
    private final ElderEligibility eligibility;
    private final Streets streets;

    protected ElderApplicationType(String type, String title, String service, Workflow workflow, People people,
            ElderEligibility eligibility, Streets streets) {
        this.type = type;
        this.title = title;
        this.service = service;
        this.workflow = workflow;
        this.people = people;
        this.eligibility = eligibility;
        this.streets = streets;
        // from the street taking it on until it ends: what the applicant alone started holds nothing
        this.holding = workflow.transitions().stream().flatMap(t -> java.util.stream.Stream.of(t.from(), t.to()))
                .filter(s -> !Set.of(Workflow.DRAFT, "SUBMITTED", "RETURNED").contains(s) && !workflow.isFinal(s))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Workflow workflow() {
        return workflow;
    }

    @Override
    public void validate(Map<String, Object> form) {
        List<FieldError> faults = new ArrayList<>();
        form.keySet().stream().filter(k -> !FORM_KEYS.contains(k)).forEach(k -> faults.add(new FieldError("form." + k, "UNKNOWN_FIELD", null)));
        Object person = form.get("person");
        if (person != null && !(person instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue())) {
            faults.add(new FieldError("form.person", "INVALID_TYPE", null));
        }
        if (!(form.get("address") instanceof Map<?, ?> address)) {
            faults.add(new FieldError("form.address", "REQUIRED", null));
        } else {
            address.keySet().stream().filter(k -> !ADDRESS_KEYS.contains(k))
                    .forEach(k -> faults.add(new FieldError("form.address." + k, "UNKNOWN_FIELD", null)));
            if (!(address.get("streetCode") instanceof String street) || !streets.exists(street)) {
                faults.add(new FieldError("form.address.streetCode", "UNKNOWN_STREET", null));
            }
            text(address.get("community"), "form.address.community", 50, faults);
            text(address.get("detail"), "form.address.detail", 200, faults);
        }
        text(form.get("note"), "form.note", 500, faults);
        if (!faults.isEmpty()) {
            throw new DomainException(400, "VALIDATION_FAILED", faults, Map.of());
        }
    }

    private static void text(Object value, String field, int max, List<FieldError> faults) {
        if (value != null && (!(value instanceof String s) || s.length() > max
                || s.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n'))) {
            faults.add(new FieldError(field, "INVALID_TEXT", null));
        }
    }

    @Override
    public String streetOf(Map<String, Object> form) {
        return form.get("address") instanceof Map<?, ?> address && address.get("streetCode") instanceof String street ? street : null;
    }

    protected static Long person(Map<String, Object> form) {
        return form.get("person") instanceof Number n ? n.longValue() : null;
    }

    /** The elder: the applicant or their dependant (404 when no longer theirs). */
    protected Uni<People.Person> elder(Application application, Map<String, Object> form) {
        return people.actingFor(application.applicantId, person(form));
    }

    @Override
    public Uni<List<Subject>> subjects(Application application, Map<String, Object> form) {
        return elder(application, form).map(elder -> List.of(new Subject(elder.idNumber(), "form.person")));
    }

    /** One open application per elder and service. */
    @Override
    public String exclusiveScope() {
        return type;
    }

    @Override
    public Set<String> holdingStates() {
        return holding;
    }

    @Override
    public Uni<Void> onTransition(Moved moved) {
        Workflow.Transition t = moved.transition();
        if (t.byApplicant() && !workflow.isFinal(t.to())) {
            Long person = person(moved.form());
            return elder(moved.application(), moved.form())
                    .flatMap(elder -> eligibility.of(moved.application().applicantId, elder, person == null, service))
                    .invoke(answer -> {
                        if (!answer.eligible()) {
                            throw new DomainException(422, "NOT_ELIGIBLE", answer.reason());
                        }
                    }).replaceWithVoid();
        }
        return step(moved);
    }

    /** What this service adds to one of its staff's steps (the works listed, the days granted); a decision's check by default. */
    protected Uni<Void> step(Moved moved) {
        return DECISIONS.contains(moved.transition().to()) ? decided(moved) : Uni.createFrom().voidItem();
    }

    /**
     * A decision stands on facts staff verified: the elder is still the family's to act for, and eligible now on
     * verified facts (declared ones got the case this far, not to a grant).
     */
    protected Uni<Void> decided(Moved moved) {
        Long person = person(moved.form());
        return elder(moved.application(), moved.form())
                .onFailure(f -> f instanceof DomainException d && d.code().equals("DEPENDANT_NOT_FOUND"))
                .transform(f -> new DomainException(409, "ELDER_NO_LONGER_DEPENDANT"))
                .flatMap(elder -> eligibility.of(moved.application().applicantId, elder, person == null, service))
                .invoke(answer -> {
                    if (!answer.eligible()) {
                        throw new DomainException(422, "NOT_ELIGIBLE", answer.reason());
                    }
                    if (answer.provisional()) {
                        throw new DomainException(422, "PROFILE_NOT_VERIFIED");
                    }
                }).replaceWithVoid();
    }

    /** 422 naming a field of what staff entered with the action. */
    protected static DomainException invalidData(String field, String code) {
        return new DomainException(422, "VALIDATION_FAILED", List.of(new FieldError("data." + field, code, null)), Map.of());
    }
}
