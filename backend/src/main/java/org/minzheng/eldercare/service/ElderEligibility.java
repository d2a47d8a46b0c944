package org.minzheng.eldercare.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
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
 * hukou, disability and groups from their profile, relief from the relief service. A dependant's relief is
 * used only once staff verified their profile in person: naming someone as a dependant must not tell their
 * relief status.
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
        return people.actingFor(residentId, dependantId).flatMap(person -> facts(person, dependantId == null)
                .flatMap(facts -> services.all().map(all -> new Report(Masks.name(person.name()), facts.age(),
                        facts.profile(), all.stream().map(s -> rules.answer(s, facts.facts())).toList()))));
    }

    /** One service's answer for a person, e.g. the 助餐 tier that prices a meal. */
    public Uni<Eligibility.Answer> of(People.Person person, boolean self, String service) {
        return facts(person, self).flatMap(facts -> services.get(service).map(s -> rules.answer(s, facts.facts())));
    }

    private record Gathered(int age, ElderProfile profile, Eligibility.Facts facts) {
    }

    private Uni<Gathered> facts(People.Person person, boolean self) {
        int age = Period.between(person.birthDate(), LocalDate.now(clock)).getYears();
        return profiles.of(person.idNumberIndex()).flatMap(profile -> {
            Uni<List<ReliefType>> receives = self || profile.verified()
                    ? relief.of(person.idNumberIndex()).map(grants -> grants.stream().map(ReliefStatus.Grant::type).toList())
                    : Uni.createFrom().nullItem();
            return receives.map(types -> new Gathered(age, profile, new Eligibility.Facts(age, profile.hukouRegion(),
                    profile.disability(), profile.groups(), types, profile.verified())));
        });
    }
}
