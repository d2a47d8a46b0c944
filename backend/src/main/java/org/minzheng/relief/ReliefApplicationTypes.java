package org.minzheng.relief;

import java.math.BigDecimal;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.minzheng.casework.ApplicationType;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.district.Streets;
import org.minzheng.identity.service.People;
import org.minzheng.relief.service.ReliefNotices;

/** The five relief types, supplied to the casework engine. */
@ApplicationScoped
public class ReliefApplicationTypes {

    private final Streets streets;
    private final People people;
    private final ReliefNotices notices;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final BigDecimal streetLimitCny;

    public ReliefApplicationTypes(Streets streets, People people, ReliefNotices notices, PersonalDataCipher cipher, Clock clock,
            @ConfigProperty(name = "minzheng.relief.temporary-street-limit-cny") BigDecimal streetLimitCny) {
        this.streets = streets;
        this.people = people;
        this.notices = notices;
        this.cipher = cipher;
        this.clock = clock;
        this.streetLimitCny = streetLimitCny;
    }

    @Produces
    @ApplicationScoped
    @Named("RELIEF_DIBAO")
    ApplicationType dibao() {
        return household(ReliefType.DIBAO);
    }

    @Produces
    @ApplicationScoped
    @Named("RELIEF_DIBAO_EDGE")
    ApplicationType dibaoEdge() {
        return household(ReliefType.DIBAO_EDGE);
    }

    @Produces
    @ApplicationScoped
    @Named("RELIEF_EXPENDITURE_HARDSHIP")
    ApplicationType expenditureHardship() {
        return household(ReliefType.EXPENDITURE_HARDSHIP);
    }

    @Produces
    @ApplicationScoped
    @Named("RELIEF_TEKUN")
    ApplicationType tekun() {
        return household(ReliefType.TEKUN);
    }

    @Produces
    @ApplicationScoped
    @Named("RELIEF_TEMPORARY")
    ApplicationType temporary() {
        return new ReliefApplicationType(ReliefType.TEMPORARY, ReliefWorkflows.temporary(), streets, people, notices, cipher,
                clock, streetLimitCny);
    }

    private ApplicationType household(ReliefType relief) {
        return new ReliefApplicationType(relief, ReliefWorkflows.household(), streets, people, notices, cipher, clock,
                streetLimitCny);
    }
}
