package org.minzheng.memorial.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import org.minzheng.booking.BookingView;
import org.minzheng.booking.service.Bookings;
import org.minzheng.booking.service.CounterDesk;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.IdNumber;
import org.minzheng.identity.service.PersonalFields;
import org.minzheng.identity.service.Principal;
import org.minzheng.memorial.CarPlate;
import org.minzheng.memorial.TombSweepingPolicy;

/**
 * The cemetery gate: a guard scans the pass (or types the reference) and, for a car, the plate they see;
 * optionally the ID number of a card shown. The engine checks the cemetery (any of its gates), the day and
 * the entry window; the plate must be the booked one, the card one of the booked people. The answer says
 * what to look at: masked names, how many people and children, the plate.
 */
@ApplicationScoped
public class GateCheckIns {

    /** What the guard sees: green with what to verify, or (as a problem) red with why not. */
    public record GateAnswer(CounterDesk.CheckInResult result, long bookingId, String reference, String day,
            String startsAt, String endsAt, List<String> names, int partySize, int children, String carPlate) {
    }

    private final CounterDesk desk;
    private final Bookings bookings;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    public GateCheckIns(CounterDesk desk, Bookings bookings, PersonalDataCipher cipher, Clock clock) {
        this.desk = desk;
        this.bookings = bookings;
        this.cipher = cipher;
        this.clock = clock;
    }

    public Uni<GateAnswer> checkIn(Principal staff, long gateId, String code, String seenPlate, String idNumber) {
        CarPlate seen = seenPlate == null || seenPlate.isBlank() ? null : CarPlate.parse(seenPlate, "plate");
        byte[] card = idNumber == null || idNumber.isBlank() ? null : cipher.blindIndex(PersonalFields.ID_NUMBER,
                IdNumber.parse(idNumber, LocalDate.now(clock), "idNumber").value());
        String[] booked = new String[1];
        // the plate is compared only once the engine knows the guard's gate, the cemetery, the day and the window
        return desk.checkIn(staff, gateId, code, null, view -> {
            if (!TombSweepingPolicy.TYPE.equals(view.serviceType())) {
                throw new DomainException(409, "NOT_A_TOMB_SWEEPING_BOOKING");
            }
            return bookings.sealedDetails(view.id()).invoke(sealed -> {
                booked[0] = sealed.get(TombSweepingPolicy.CAR_PLATE);
                if (seen != null && booked[0] == null) {
                    throw new DomainException(409, "NO_CAR_BOOKED");
                }
                if (seen != null && !seen.value().equals(booked[0])) {
                    throw new DomainException(409, "PLATE_MISMATCH", List.of(), Map.of(), masked(booked[0]));
                }
            }).chain(() -> card == null ? Uni.createFrom().item(true) : bookings.names(view.id(), card)).invoke(named -> {
                if (!named) {
                    throw new DomainException(409, "PERSON_NOT_IN_BOOKING");
                }
            }).replaceWithVoid();
        }).map(checkIn -> answer(checkIn.result(), checkIn.booking(), booked[0] == null ? null : masked(booked[0])));
    }

    /** The stored plate (normalised when booked) as the guard reads it back. */
    private static String masked(String plate) {
        return CarPlate.parse(plate, "plate").masked();
    }

    private static GateAnswer answer(CounterDesk.CheckInResult result, BookingView b, String plate) {
        return new GateAnswer(result, b.id(), b.reference(), b.day().toString(), b.startsAt().toString(),
                b.endsAt().toString(), b.people().stream().map(BookingView.PersonView::name).toList(), b.units(),
                ((Number) b.details().getOrDefault(TombSweepingPolicy.CHILDREN, 0)).intValue(), plate);
    }
}
