package org.minzheng.marriage;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.SlotInfo;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.service.People;
import org.minzheng.notify.Outbox;

/**
 * The second divorce visit (DIVORCE_CERTIFICATE): either spouse books it for both, confirmed at once, only
 * at the office that received their application and within its certificate window.
 */
@Singleton
public class DivorceCertificatePolicy extends CouplePolicy {

    public static final String TYPE = "DIVORCE_CERTIFICATE";

    public DivorceCertificatePolicy(Outbox outbox, Clock clock) {
        super(TYPE, "DIVORCE_CERTIFICATE_BOOKED", null, outbox, clock);
    }

    @Override
    public Uni<Void> check(long residentId, SlotInfo slot, List<People.Person> people, Map<String, Object> details) {
        return super.check(residentId, slot, people, details).flatMap(ignored -> Panache.withSession(() -> Panache
                .getSession().flatMap(s -> s.createNativeQuery("""
                        SELECT c.service_point_id, c.window_opens, c.window_closes FROM divorce_case c
                        WHERE c.status IN ('COOLING_OFF', 'WINDOW_OPEN')
                          AND EXISTS (SELECT 1 FROM divorce_party p WHERE p.case_id = c.id AND p.id_number_index = :a)
                          AND EXISTS (SELECT 1 FROM divorce_party p WHERE p.case_id = c.id AND p.id_number_index = :b)""",
                        Object[].class)
                        .setParameter("a", people.get(0).idNumberIndex()).setParameter("b", people.get(1).idNumberIndex())
                        .getResultList())))
                .invoke(rows -> {
                    if (rows.isEmpty()) {
                        throw new DomainException(409, "NO_OPEN_DIVORCE_CASE");
                    }
                    Object[] found = rows.get(0);
                    if (((Number) found[0]).longValue() != slot.servicePointId()) {
                        throw new DomainException(409, "WRONG_OFFICE");
                    }
                    LocalDate opens = (LocalDate) found[1];
                    LocalDate closes = (LocalDate) found[2];
                    if (slot.day().isBefore(opens) || slot.day().isAfter(closes)) {
                        throw new DomainException(409, "OUTSIDE_CERTIFICATE_WINDOW", List.of(), Map.of(),
                                opens.toString(), closes.toString());
                    }
                })
                .replaceWithVoid();
    }
}
