package org.minzheng.eldercare.apply;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

import org.minzheng.casework.service.Subjects;
import org.minzheng.district.Streets;
import org.minzheng.eldercare.service.ElderEligibility;
import org.minzheng.eldercare.service.Entitlements;
import org.minzheng.identity.service.People;

/** 喘息服务: the approval grants the elder's family respite days this year, a balance bookings spend. */
@Singleton
public class Respite extends ElderApplicationType {

    private final Entitlements entitlements;
    private final Subjects subjects;
    private final Clock clock;

    public Respite(People people, ElderEligibility eligibility, Streets streets, Entitlements entitlements, Subjects subjects,
            Clock clock) {
        super("ELDER_RESPITE", "喘息服务", "RESPITE", ElderWorkflows.respite(), people, eligibility, streets);
        this.entitlements = entitlements;
        this.subjects = subjects;
        this.clock = clock;
    }

    @Override
    protected Uni<Void> step(Moved moved) {
        if (!moved.transition().action().equals(ElderWorkflows.APPROVE)) {
            return super.step(moved);
        }
        if (!(moved.data().get("daysPerYear") instanceof Integer days) || days < 1 || days > 60) {
            throw invalidData("daysPerYear", "OUT_OF_RANGE");
        }
        return decided(moved).chain(() -> subjects.recorded(moved.application().id))
                .flatMap(elder -> entitlements.grant(elder.get(0), Entitlements.RESPITE_DAYS, LocalDate.now(clock).getYear(), days));
    }
}
