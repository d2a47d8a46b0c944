package org.minzheng.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.Booking;
import org.minzheng.booking.BookingPolicy;
import org.minzheng.identity.service.People;

/** Service types that exist only in tests, to drive the generic engine before the domains supply theirs. */
public final class TestPolicies {

    public static final String VISIT = "TEST_VISIT";
    public static final String PARTY = "TEST_PARTY";
    public static final String ALLOWANCE = "TEST_ALLOWANCE";
    /** The table where {@link Allowance} counts; the test using it creates it. */
    public static final String ALLOWANCE_TABLE = """
            CREATE TABLE IF NOT EXISTS test_allowance (resident_id BIGINT PRIMARY KEY, taken INT NOT NULL,
                                                       refuse_release BOOLEAN NOT NULL DEFAULT FALSE)""";

    private TestPolicies() {
    }

    /** One unit per booking, up to two people, cancel until an hour before, one per person per point and day. */
    @ApplicationScoped
    public static class Visit implements BookingPolicy {
        @Override
        public String serviceType() {
            return VISIT;
        }

        @Override
        public int maxPeople() {
            return 2;
        }

        @Override
        public Duration cancellationCutoff() {
            return Duration.ofHours(1);
        }
    }

    /** Units = party size (up to 5), like tomb-sweeping. */
    @ApplicationScoped
    public static class Party implements BookingPolicy {
        @Override
        public String serviceType() {
            return PARTY;
        }

        @Override
        public int maxPeople() {
            return 5;
        }

        @Override
        public int maxPartySize() {
            return 5;
        }

        @Override
        public int units(List<People.Person> people, Integer partySize) {
            return partySize;
        }
    }

    /**
     * Takes one unit of the booker's allowance in {@code onBooked} and gives it back in {@code onReleased}, in
     * the booking's transactions; giving back fails while the booker's row says {@code refuse_release}.
     */
    @ApplicationScoped
    public static class Allowance implements BookingPolicy {
        @Override
        public String serviceType() {
            return ALLOWANCE;
        }

        @Override
        public Uni<Void> onBooked(Booking booking, List<People.Person> people, Map<String, Object> message) {
            return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                    INSERT INTO test_allowance (resident_id, taken) VALUES (:resident, 1)
                    ON CONFLICT (resident_id) DO UPDATE SET taken = test_allowance.taken + 1""")
                    .setParameter("resident", booking.residentId).executeUpdate()).replaceWithVoid();
        }

        @Override
        public boolean takesOnBooked() {
            return true;
        }

        @Override
        public Uni<Void> onReleased(Booking booking) {
            return Panache.getSession().flatMap(s -> s.createNativeQuery(
                    "UPDATE test_allowance SET taken = taken - 1 WHERE resident_id = :resident RETURNING refuse_release",
                    Boolean.class).setParameter("resident", booking.residentId).getSingleResult())
                    .invoke(refused -> {
                        if (refused) {
                            throw new IllegalStateException("the allowance ledger refused");
                        }
                    })
                    .replaceWithVoid();
        }
    }
}
