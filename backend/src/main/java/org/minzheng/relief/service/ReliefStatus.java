package org.minzheng.relief.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import org.minzheng.casework.service.Subjects;
import org.minzheng.relief.ReliefApplicationType;
import org.minzheng.relief.ReliefType;
import org.minzheng.relief.ReliefWorkflows;

/**
 * Whether a person lives in a household receiving regular relief (低保, 低保边缘, 支出型困难, 特困) now, and
 * from when to when: what other capabilities (elderly services' subsidy tiers) ask. The person is named by
 * the blind index of their ID number, as identity stores it.
 */
@ApplicationScoped
public class ReliefStatus {

    /** An approved grant covering the person. */
    public record Grant(ReliefType type, Instant validFrom, Instant validUntil) {
    }

    private static final List<String> REGULAR = Arrays.stream(ReliefType.values()).filter(t -> t != ReliefType.TEMPORARY)
            .map(ReliefApplicationType::typeOf).toList();

    private final Subjects subjects;
    private final Clock clock;

    public ReliefStatus(Subjects subjects, Clock clock) {
        this.subjects = subjects;
        this.clock = clock;
    }

    /** The grants in force now (an expired one the timer has not yet closed is not). */
    public Uni<List<Grant>> of(byte[] idNumberIndex) {
        Instant now = clock.instant();
        return subjects.of(idNumberIndex, REGULAR, ReliefWorkflows.APPROVED)
                .map(places -> places.stream()
                        .filter(p -> p.dueAt() != null && p.dueAt().isAfter(now))
                        .map(p -> new Grant(ReliefType.valueOf(p.type().substring("RELIEF_".length())), p.since(), p.dueAt()))
                        .toList());
    }
}
