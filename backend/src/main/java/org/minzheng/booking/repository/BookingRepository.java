package org.minzheng.booking.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;

import org.minzheng.booking.Booking;

@ApplicationScoped
public class BookingRepository implements PanacheRepository<Booking> {
}
