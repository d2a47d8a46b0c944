package org.minzheng.booking.service;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.minzheng.booking.BookingPolicy;
import org.minzheng.common.error.DomainException;

/** The policies the domains supply, by service type. */
@ApplicationScoped
public class BookingPolicies {

    private final Map<String, BookingPolicy> byType;

    public BookingPolicies(Instance<BookingPolicy> policies) {
        this.byType = policies.stream().collect(Collectors.toUnmodifiableMap(BookingPolicy::serviceType, Function.identity()));
    }

    public BookingPolicy of(String serviceType) {
        BookingPolicy policy = byType.get(serviceType);
        if (policy == null) {
            throw new DomainException(409, "SERVICE_TYPE_NOT_BOOKABLE");
        }
        return policy;
    }
}
