package org.minzheng.booking.service;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.time.ClockProducer;

/**
 * The QR code a resident shows at the counter: {@code MZB1.<bookingId>.<expiry epoch s>.<tag>}, the tag
 * a keyed PRF (Tink, the server's key) of the rest. It names one booking, so a copy cannot be used for
 * another, and expires at the end of the booking's day.
 */
@ApplicationScoped
public class BookingPasses {

    private static final String PREFIX = "MZB1";
    private static final String PURPOSE = "BOOKING_QR";
    private static final int TAG_BYTES = 16;

    private final PersonalDataCipher keys;
    private final Clock clock;

    public BookingPasses(PersonalDataCipher keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public String issue(long bookingId, LocalDate day) {
        long expires = day.plusDays(1).atStartOfDay(ClockProducer.ZONE).toEpochSecond();
        String body = PREFIX + "." + bookingId + "." + expires;
        return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(tag(body));
    }

    /** The booking id a genuine, unexpired pass names; 400 {@code INVALID_QR} or 409 {@code QR_EXPIRED} otherwise. */
    public long verify(String payload) {
        String[] parts = payload == null ? new String[0] : payload.strip().split("\\.");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            throw invalid();
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(tag(body), presented)) {
            throw invalid();
        }
        long bookingId;
        long expires;
        try {
            bookingId = Long.parseLong(parts[1]);
            expires = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            throw invalid();
        }
        if (clock.instant().getEpochSecond() >= expires) {
            throw new DomainException(409, "QR_EXPIRED");
        }
        return bookingId;
    }

    private byte[] tag(String body) {
        // the PRF keyset that keys blind indexes, under its own purpose prefix: a tag is never an index
        return Arrays.copyOf(keys.blindIndex(PURPOSE, body), TAG_BYTES);
    }

    private static DomainException invalid() {
        return new DomainException(400, "INVALID_QR", List.of(), Map.of());
    }
}
