package org.minzheng.eldercare.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import org.minzheng.common.privacy.Masks;
import org.minzheng.eldercare.ElderProfile;
import org.minzheng.eldercare.config.ElderCareConfig;
import org.minzheng.identity.service.People;
import org.minzheng.relief.ReliefType;
import org.minzheng.relief.service.ReliefStatus;

/**
 * A person's eligibility for every elderly service, with reasons: age from their ID number on today's date,
 * hukou, disability and groups from what the family declared (or staff verified for it), relief from the
 * relief service. A dependant's relief is used only once staff verified the family's profile of them within
 * an application: naming someone as a dependant must not tell their relief status.
 */
@ApplicationScoped
public class ElderEligibility {

    public record Report(String name, int age, ElderProfile profile, List<Eligibility.Answer> services) {
    }

    private final People people;
    private final ElderProfiles profiles;
    private final ElderServices services;
    private final ReliefStatus relief;
    private final Eligibility rules;
    private final Clock clock;

    public ElderEligibility(People people, ElderProfiles profiles, ElderServices services, ReliefStatus relief, Clock clock,
            ElderCareConfig config) {
        this.people = people;
        this.profiles = profiles;
        this.services = services;
        this.relief = relief;
        this.rules = new Eligibility(config.districtRegion());
        this.clock = clock;
    }

    /** For the resident ({@code dependantId} null) or their dependant. */
    public Uni<Report> of(long residentId, Long dependantId) {
        return people.actingFor(residentId, dependantId).flatMap(person -> facts(residentId, person, dependantId == null)
                .flatMap(facts -> services.all().map(all -> new Report(Masks.name(person.name()), facts.age(),
                        facts.profile(), all.stream().map(s -> rules.answer(s, facts.facts())).toList()))));
    }

    /** One service's answer for a person the resident acts for ({@code self}: the resident), e.g. the 助餐 tier that prices a meal. */
    public Uni<Eligibility.Answer> of(long residentId, People.Person person, boolean self, String service) {
        return facts(residentId, person, self).flatMap(facts -> services.get(service).map(s -> rules.answer(s, facts.facts())));
    }

    private record Gathered(int age, ElderProfile profile, Eligibility.Facts facts) {
    }

    private Uni<Gathered> facts(long residentId, People.Person person, boolean self) {
        int age = org.minzheng.identity.IdNumber.age(person.birthDate(), LocalDate.now(clock));
        return profiles.of(residentId, person.idNumberIndex()).flatMap(profile -> {
            Uni<List<ReliefType>> receives = self || profile.verified()
                    ? relief.of(person.idNumberIndex()).map(grants -> grants.stream().map(ReliefStatus.Grant::type).toList())
                    : Uni.createFrom().nullItem();
            return receives.map(types -> new Gathered(age, profile, new Eligibility.Facts(age, profile.hukouRegion(),
                    profile.disability(), profile.groups(), types, profile.verified())));
        });
    }
}
