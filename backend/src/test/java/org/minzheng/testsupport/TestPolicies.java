package org.minzheng.testsupport;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.minzheng.booking.BookingPolicy;
import org.minzheng.identity.service.People;

/** Service types that exist only in tests, to drive the generic engine before the domains supply theirs. */
public final class TestPolicies {

    public static final String VISIT = "TEST_VISIT";
    public static final String PARTY = "TEST_PARTY";

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
}
