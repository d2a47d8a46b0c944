package org.minzheng.relief;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;

import org.minzheng.casework.Application;
import org.minzheng.casework.ApplicationType;
import org.minzheng.casework.Workflow;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.district.Streets;
import org.minzheng.identity.service.People;
import org.minzheng.identity.service.PersonalFields;
import org.minzheng.relief.service.ReliefNotices;

/**
 * A relief type on the casework engine: its form is a household ({@link ReliefForm}) whose address decides
 * the street; its members are the application's subjects, one active relief household per person (临时救助
 * excepted: it comes on top of the others). On submitting, the household must be complete and name the
 * applicant as {@code SELF}; publishing posts the 公示.
 */
public class ReliefApplicationType implements ApplicationType {

    /** Where a person holds one place: the households receiving or applying for regular relief. */
    public static final String HOUSEHOLD_SCOPE = "RELIEF_HOUSEHOLD";

    private final ReliefType relief;
    private final Workflow workflow;
    private final Streets streets;
    private final People people;
    private final ReliefNotices notices;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final BigDecimal streetLimitCny;

    ReliefApplicationType(ReliefType relief, Workflow workflow, Streets streets, People people, ReliefNotices notices,
            PersonalDataCipher cipher, Clock clock, BigDecimal streetLimitCny) {
        this.relief = relief;
        this.workflow = workflow;
        this.streets = streets;
        this.people = people;
        this.notices = notices;
        this.cipher = cipher;
        this.clock = clock;
        this.streetLimitCny = streetLimitCny;
    }

    /** The application type of a relief type: {@code RELIEF_DIBAO}, ... */
    public static String typeOf(ReliefType relief) {
        return "RELIEF_" + relief.name();
    }

    @Override
    public String type() {
        return typeOf(relief);
    }

    @Override
    public String title() {
        return relief.title();
    }

    @Override
    public Workflow workflow() {
        return workflow;
    }

    @Override
    public void validate(Map<String, Object> form) {
        ReliefForm read = read(form);
        if (!streets.exists(read.streetCode())) {
            throw new DomainException(400, "VALIDATION_FAILED",
                    List.of(new FieldError("form.address.streetCode", "UNKNOWN_STREET", null)), Map.of());
        }
    }

    @Override
    public String streetOf(Map<String, Object> form) {
        return read(form).streetCode();
    }

    @Override
    public Uni<List<Subject>> subjects(Application application, Map<String, Object> form) {
        return Uni.createFrom().item(read(form).members().stream()
                .map(m -> new Subject(m.idNumber().value(), m.field() + ".idNumber")).toList());
    }

    @Override
    public String exclusiveScope() {
        return relief == ReliefType.TEMPORARY ? null : HOUSEHOLD_SCOPE;
    }

    @Override
    public Map<String, Object> masked(Map<String, Object> form) {
        return ReliefForm.masked(form);
    }

    @Override
    public Set<String> holdingStates() {
        return relief == ReliefType.TEMPORARY ? Set.of() : ReliefWorkflows.HOLDING;
    }

    @Override
    public Map<String, Object> prepare(Map<String, Object> stored, Map<String, Object> sent) {
        return ReliefForm.prepare(stored, sent);
    }

    /** The form is read only where this type adds to a transition (a later, stricter form never stops a case). */
    @Override
    public Uni<Void> onTransition(Moved moved) {
        Workflow.Transition t = moved.transition();
        Uni<Void> leaving = t.from().equals(ReliefWorkflows.PUBLIC_NOTICE) ? notices.withdraw(moved.application())
                : Uni.createFrom().voidItem();
        if (t.byApplicant() && !workflow.isFinal(t.to())) {
            return leaving.flatMap(ignored -> complete(read(moved.form()), moved.application().applicantId));
        }
        if (t.to().equals(ReliefWorkflows.PUBLIC_NOTICE)) {
            return leaving.flatMap(ignored -> notices.publish(moved.application(), relief, read(moved.form())));
        }
        if (relief == ReliefType.TEMPORARY && t.to().equals(ReliefWorkflows.APPROVED)) {
            checkAmount(t, read(moved.form()), moved.data());
        }
        return leaving;
    }

    /** 临时救助 is decided with the amount given: at most what was asked, and within the street's limit when the street decides. */
    private void checkAmount(Workflow.Transition t, ReliefForm form, Map<String, Object> data) {
        Object given = data.get("amountCny");
        BigDecimal amount = given instanceof Number n && Double.isFinite(n.doubleValue()) ? new BigDecimal(n.toString()) : null;
        if (amount == null || amount.signum() <= 0 || amount.scale() > 2 || amount.compareTo(form.requestedAmountCny()) > 0) {
            throw new DomainException(422, "VALIDATION_FAILED", List.of(new FieldError("data.amountCny",
                    amount == null ? "REQUIRED" : "OUT_OF_RANGE", null)), Map.of());
        }
        if (t.action().equals(ReliefWorkflows.STREET_GRANT) && amount.compareTo(streetLimitCny) > 0) {
            throw new DomainException(422, "ABOVE_STREET_LIMIT", streetLimitCny.toPlainString());
        }
    }

    /** What a submitted household must hold for this type besides the members. */
    private void requireForType(ReliefForm form, List<FieldError> faults) {
        if (relief == ReliefType.TEMPORARY) {
            if (form.requestedAmountCny() == null || form.requestedAmountCny().signum() == 0) {
                faults.add(new FieldError("form.requestedAmountCny", "REQUIRED", null));
            }
            if (form.situation() == null) {
                faults.add(new FieldError("form.situation", "REQUIRED", null));
            }
        }
        if (relief == ReliefType.EXPENDITURE_HARDSHIP && form.rigidExpensesMonthlyCny() == null) {
            faults.add(new FieldError("form.rigidExpensesMonthlyCny", "REQUIRED", null));
        }
    }

    /** The household is whole, and its {@code SELF} is the applicant (by the blind index of the verified ID number). */
    private Uni<Void> complete(ReliefForm form, long applicantId) {
        List<FieldError> faults = new ArrayList<>();
        long selves = form.members().stream().filter(m -> m.relation() == ReliefForm.Relation.SELF).count();
        if (selves != 1) {
            faults.add(new FieldError("form.members", selves == 0 ? "SELF_REQUIRED" : "ONE_SELF_ONLY", null));
        }
        requireForType(form, faults);
        if (!faults.isEmpty()) {
            return Uni.createFrom().failure(new DomainException(422, "FORM_INCOMPLETE", faults, Map.of()));
        }
        return people.actingFor(applicantId, null).invoke(me -> {
            byte[] self = cipher.blindIndex(PersonalFields.ID_NUMBER, form.self().idNumber().value());
            if (!Arrays.equals(self, me.idNumberIndex())) {
                throw new DomainException(422, "SELF_IS_NOT_APPLICANT",
                        List.of(new FieldError(form.self().field() + ".idNumber", "SELF_IS_NOT_APPLICANT", null)), Map.of());
            }
        }).replaceWithVoid();
    }

    private ReliefForm read(Map<String, Object> form) {
        return ReliefForm.read(form, LocalDate.now(clock));
    }
}
