package org.minzheng.eldercare.apply;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

import org.minzheng.district.Streets;
import org.minzheng.eldercare.service.ElderEligibility;
import org.minzheng.eldercare.service.Entitlements;
import org.minzheng.identity.service.People;

/** 喘息服务: the approval grants the elder's family respite days this year, a balance bookings spend. */
@Singleton
public class Respite extends ElderApplicationType {

    private final Entitlements entitlements;
    private final Clock clock;

    public Respite(People people, ElderEligibility eligibility, Streets streets, Entitlements entitlements, Clock clock) {
        super("ELDER_RESPITE", "喘息服务", "RESPITE", ElderWorkflows.respite(), people, eligibility, streets);
        this.entitlements = entitlements;
        this.clock = clock;
    }

    @Override
    protected Uni<Void> step(Moved moved) {
        if (!moved.transition().action().equals(ElderWorkflows.APPROVE)) {
            return Uni.createFrom().voidItem();
        }
        if (!(moved.data().get("daysPerYear") instanceof Integer days) || days < 1 || days > 60) {
            throw invalidData("daysPerYear", "OUT_OF_RANGE");
        }
        return elder(moved.application(), moved.form()).flatMap(elder -> entitlements.grant(elder.idNumberIndex(),
                Entitlements.RESPITE_DAYS, LocalDate.now(clock).getYear(), days));
    }
}
