package org.minzheng.marriage.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import org.minzheng.booking.Booking;
import org.minzheng.booking.BookingView;
import org.minzheng.booking.service.Bookings;
import org.minzheng.booking.service.CounterDesk;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.identity.service.Principal;
import org.minzheng.marriage.DivorceApplicationPolicy;
import org.minzheng.marriage.DivorceCertificatePolicy;
import org.minzheng.marriage.MarriagePolicy;

/** What the registrar decided at the end of a marriage office visit, recorded with its completion. */
@ApplicationScoped
public class MarriageCounter {

    public enum Outcome {
        /** Married, or divorced at the certificate visit. */
        REGISTERED,
        /** Refused, with the legal reason. */
        REFUSED,
        /** A divorce application received (受理): the cooling-off period starts. */
        RECEIVED,
        /** The couple withdrew at the counter. */
        WITHDRAWN
    }

    public enum RefusalReason {
        UNDER_AGE, ALREADY_MARRIED, PROHIBITED_KINSHIP, NOT_VOLUNTARY
    }

    private static final Map<String, Set<Outcome>> ALLOWED = Map.of(
            MarriagePolicy.TYPE, Set.of(Outcome.REGISTERED, Outcome.REFUSED, Outcome.WITHDRAWN),
            DivorceApplicationPolicy.TYPE, Set.of(Outcome.RECEIVED, Outcome.REFUSED, Outcome.WITHDRAWN),
            DivorceCertificatePolicy.TYPE, Set.of(Outcome.REGISTERED, Outcome.REFUSED, Outcome.WITHDRAWN));

    private final CounterDesk desk;
    private final DivorceCases divorces;
    private final Bookings bookings;

    public MarriageCounter(CounterDesk desk, DivorceCases divorces, Bookings bookings) {
        this.desk = desk;
        this.divorces = divorces;
        this.bookings = bookings;
    }

    public Uni<BookingView> record(Principal staff, long bookingId, Outcome outcome, RefusalReason reason) {
        if ((outcome == Outcome.REFUSED) != (reason != null)) {
            throw new DomainException(400, "REFUSAL_REASON", List.of(new FieldError("reason", "REFUSAL_REASON", null)),
                    Map.of());
        }
        Bookings.Released released = new Bookings.Released();
        return desk.complete(staff, bookingId, booking -> {
            if (!ALLOWED.getOrDefault(booking.serviceType, Set.of()).contains(outcome)) {
                throw new DomainException(409, "OUTCOME_NOT_ALLOWED", List.of(), Map.of(), outcome.name());
            }
            Map<String, Object> details = new LinkedHashMap<>(booking.details == null ? Map.of() : booking.details);
            details.put("outcome", outcome.name());
            if (reason != null) {
                details.put("refusalReason", reason.name());
            }
            booking.details = details;
            // no ceremony after a registration that did not happen: cancelled in the same transaction
            return consequences(booking, outcome).call(() -> outcome == Outcome.REFUSED || outcome == Outcome.WITHDRAWN
                    ? bookings.cancelChained(booking.id, released)
                    : Uni.createFrom().voidItem());
        }).call(() -> bookings.settle(released));
    }

    private Uni<Void> consequences(Booking booking, Outcome outcome) {
        if (outcome == Outcome.RECEIVED) {
            return divorces.open(booking);
        }
        if (outcome == Outcome.REGISTERED && booking.serviceType.equals(DivorceCertificatePolicy.TYPE)) {
            return divorces.complete(booking);
        }
        return Uni.createFrom().voidItem();
    }
}
