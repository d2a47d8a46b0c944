package org.minzheng.eldercare;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import org.minzheng.booking.Booking;
import org.minzheng.booking.BookingPolicy;
import org.minzheng.booking.SlotInfo;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.time.ClockProducer;
import org.minzheng.eldercare.config.ElderCareConfig;
import org.minzheng.eldercare.service.MealOrders;
import org.minzheng.eldercare.service.MealPrices;
import org.minzheng.identity.service.People;

/**
 * 长者助餐: a seat at a canteen's weekday lunch (the slots of its ELDERLY_MEAL schedule) for one person aged 60 or
 * more, usually booked by their family; dine-in, or delivered where the canteen delivers. One meal per person a
 * day, wherever. Booking and cancelling close at the cut-off time on the day, so the canteen knows what to cook.
 * The price (menu less the person's subsidy, plus delivery) is fixed when booked. Not moved (cancel and book
 * again, priced again), no queue for a full lunch, no walk-ins through the engine (they would skip the price).
 */
@ApplicationScoped
public class MealPolicy implements BookingPolicy {

    public static final String TYPE = "ELDERLY_MEAL";

    private final MealPrices prices;
    private final MealOrders orders;
    private final ElderCareConfig config;

    public MealPolicy(MealPrices prices, MealOrders orders, ElderCareConfig config) {
        this.prices = prices;
        this.orders = orders;
        this.config = config;
    }

    @Override
    public String serviceType() {
        return TYPE;
    }

    @Override
    public String limitKey(SlotInfo slot) {
        return TYPE + ":" + slot.day();
    }

    @Override
    public Instant bookableUntil(SlotInfo slot) {
        return cutOff(slot);
    }

    @Override
    public Instant cancellableUntil(SlotInfo slot) {
        return cutOff(slot);
    }

    private Instant cutOff(SlotInfo slot) {
        Instant cutOff = ZonedDateTime.of(slot.day(), config.mealCutOff(), ClockProducer.ZONE).toInstant();
        return cutOff.isBefore(slot.startInstant()) ? cutOff : slot.startInstant();
    }

    /** Eligible, a menu published for the day, delivery only where offered: the price can be told. */
    @Override
    public Uni<Void> check(long residentId, SlotInfo slot, List<People.Person> people, Map<String, Object> details) {
        People.Person person = people.get(0);
        return prices.quote(residentId, person, isBooker(residentId, person), slot.servicePointId(), slot.day(), MealMode.of(details))
                .replaceWithVoid();
    }

    /**
     * Prices the meal again inside the booking's transaction, as the menu and rules stand now, and stores it; a
     * booking that names the total it was quoted is refused (409 {@code PRICE_CHANGED}) when the price moved since.
     */
    @Override
    public Uni<Void> onBooked(Booking booking, List<People.Person> people, Map<String, Object> message) {
        People.Person person = people.get(0);
        MealMode mode = MealMode.chosenIn(booking.details);
        Object expected = booking.details == null ? null : booking.details.get(MealMode.EXPECTED_PRICE);
        return prices.quote(booking.residentId, person, isBooker(booking.residentId, person), booking.servicePointId, booking.day,
                mode)
                .invoke(quote -> {
                    if (expected != null && new java.math.BigDecimal(expected.toString()).compareTo(quote.priceCny()) != 0) {
                        throw new DomainException(409, "PRICE_CHANGED", quote.priceCny().toPlainString());
                    }
                })
                .flatMap(quote -> orders.record(booking.id, mode, quote));
    }

    private static boolean isBooker(long residentId, People.Person person) {
        return person.reference().equals("resident:" + residentId);
    }

    @Override
    public boolean takesOnBooked() {
        return true;
    }

    @Override
    public boolean waitlisted() {
        return false;
    }

    /** A move would keep a price computed for another day's menu. */
    @Override
    public boolean reschedulable() {
        return false;
    }

    /** A meal the canteen forgot to mark served is a no-show: an elder's lunch must not hang on that. */
    @Override
    public NoShowRule noShowRule() {
        return NoShowRule.NEVER;
    }

    @Override
    public boolean walkInsOffered() {
        return false;
    }
}
