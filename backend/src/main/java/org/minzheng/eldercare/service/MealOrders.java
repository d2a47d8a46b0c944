package org.minzheng.eldercare.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.BookingStatus;
import org.minzheng.booking.BookingView;
import org.minzheng.booking.service.Bookings;
import org.minzheng.booking.service.CounterDesk;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.eldercare.MealMode;
import org.minzheng.eldercare.MealPolicy;
import org.minzheng.identity.service.Principal;

/**
 * Booked meals with the price each was booked at: written in the booking's transaction, shown to the resident
 * who booked (with the tier) and to the canteen's staff (only what to collect).
 */
@ApplicationScoped
public class MealOrders {

    static final String TIER_COLUMN = "meal_order.tier";

    /** The price a meal was booked at. */
    public record MealPrice(MealMode mode, BigDecimal basePriceCny, BigDecimal subsidyCny, BigDecimal deliveryFeeCny,
            BigDecimal priceCny, String tier) {
    }

    /** A booked meal as its booker sees it. */
    public record BookedMeal(BookingView booking, MealPrice price) {
    }

    /** A booked meal as the canteen serves it: people masked, what to collect. */
    public record MealServing(long bookingId, String reference, BookingStatus status, LocalTime startsAt,
            List<BookingView.PersonView> people, MealMode mode, BigDecimal priceCny) {
    }

    /** A canteen's meals of a day; {@code served}: checked in at the counter. */
    public record CanteenDay(LocalDate date, int expected, int served, int noShow, List<MealServing> meals) {
    }

    private final Bookings bookings;
    private final CounterDesk desk;
    private final PersonalDataCipher cipher;

    public MealOrders(Bookings bookings, CounterDesk desk, PersonalDataCipher cipher) {
        this.bookings = bookings;
        this.desk = desk;
        this.cipher = cipher;
    }

    /** Stores the price of a meal just booked, in the booking's transaction. */
    public Uni<Void> record(long bookingId, MealMode mode, MealPrices.MealQuote quote) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO meal_order (booking_id, mode, base_price_cny, subsidy_cny, delivery_fee_cny, price_cny, tier_enc)
                VALUES (:booking, :mode, :base, :subsidy, :fee, :price, :tier)""")
                .setParameter("booking", bookingId).setParameter("mode", mode.name())
                .setParameter("base", quote.basePriceCny()).setParameter("subsidy", quote.subsidyCny())
                .setParameter("fee", quote.deliveryFeeCny()).setParameter("price", quote.priceCny())
                .setParameter("tier", cipher.seal(TIER_COLUMN, quote.tier())).executeUpdate())
                .replaceWithVoid();
    }

    /** The resident's meals (for themselves and their family) on the days {@code from..to}. */
    public Uni<List<BookedMeal>> mine(long residentId, LocalDate from, LocalDate to) {
        MealMenus.checkRange(from, to);
        return bookings.mine(residentId, MealPolicy.TYPE, from, to).flatMap(list -> prices(list)
                .map(prices -> list.stream().map(b -> new BookedMeal(b, prices.get(b.id()))).toList()));
    }

    /** A canteen's meals of a day, for its own staff (or an administrator). */
    public Uni<CanteenDay> day(Principal staff, long pointId, LocalDate date) {
        return desk.day(staff, pointId, date).flatMap(day -> {
            List<BookingView> meals = day.bookings().stream().filter(b -> MealPolicy.TYPE.equals(b.serviceType())).toList();
            CounterDesk.Day counted = CounterDesk.Day.of(date, meals);
            return prices(meals).map(prices -> new CanteenDay(date, counted.expected(), counted.checkedIn(), counted.noShow(),
                    meals.stream().map(b -> {
                        MealPrice p = prices.get(b.id());
                        return new MealServing(b.id(), b.reference(), b.status(), b.startsAt(), b.people(), p.mode(), p.priceCny());
                    }).toList()));
        });
    }

    private Uni<Map<Long, MealPrice>> prices(List<BookingView> meals) {
        if (meals.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT booking_id, mode, base_price_cny, subsidy_cny, delivery_fee_cny, price_cny, tier_enc
                FROM meal_order WHERE booking_id IN (:ids)""", Object[].class)
                .setParameter("ids", meals.stream().map(BookingView::id).toList()).getResultList()))
                .map(rows -> {
                    Map<Long, MealPrice> prices = new HashMap<>();
                    for (Object[] r : rows) {
                        prices.put(((Number) r[0]).longValue(), new MealPrice(MealMode.valueOf((String) r[1]), (BigDecimal) r[2],
                                (BigDecimal) r[3], (BigDecimal) r[4], (BigDecimal) r[5], cipher.open(TIER_COLUMN, (byte[]) r[6])));
                    }
                    return prices;
                });
    }
}
