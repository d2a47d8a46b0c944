package org.minzheng.eldercare.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.ServicePoint;
import org.minzheng.booking.service.CounterDesk;
import org.minzheng.booking.service.ServicePoints;
import org.minzheng.booking.service.WorkCalendar;
import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.common.time.SqlTimes;
import org.minzheng.eldercare.MealMenu;
import org.minzheng.eldercare.MealPolicy;
import org.minzheng.identity.service.Principal;

/**
 * Canteens' lunch menus: their own staff (or an administrator) publish a workday's menu and may replace it; a
 * meal already booked keeps the price it was booked at.
 */
@ApplicationScoped
public class MealMenus {

    /** The longest range of days one read returns. */
    static final int MAX_DAYS = 31;

    /** What staff publish for a day. */
    public record Menu(List<String> dishes, BigDecimal priceCny, boolean deliveryOffered, BigDecimal deliveryFeeCny) {
    }

    private final ServicePoints points;
    private final WorkCalendar calendar;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    public MealMenus(ServicePoints points, WorkCalendar calendar, AuditLog audit, ObjectMapper json, Clock clock) {
        this.points = points;
        this.calendar = calendar;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Publishes or replaces the menu of a day that is a workday, today or later, at a point offering meals where
     * the staff member works; audited.
     */
    public Uni<MealMenu> publish(Principal staff, long pointId, LocalDate day, Menu menu) {
        CounterDesk.requireScope(staff, pointId);
        BigDecimal fee = menu.deliveryFeeCny() == null ? BigDecimal.ZERO : menu.deliveryFeeCny();
        if (!menu.deliveryOffered() && fee.signum() != 0) {
            throw new DomainException(400, "VALIDATION_FAILED",
                    List.of(new FieldError("deliveryFeeCny", "WITHOUT_DELIVERY", null)), Map.of());
        }
        if (day.isBefore(LocalDate.now(clock))) {
            throw new DomainException(409, "MENU_DAY_PASSED", day.toString());
        }
        return canteen(pointId)
                .chain(() -> calendar.isWorkday(day))
                .invoke(workday -> {
                    if (!workday) {
                        throw new DomainException(409, "NOT_A_WORKDAY", day.toString());
                    }
                })
                .chain(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        INSERT INTO meal_menu (service_point_id, day, dishes, price_cny, delivery_offered, delivery_fee_cny, updated_at)
                        VALUES (:point, :day, CAST(CAST(:dishes AS text) AS jsonb), :price, :delivery, :fee, :now)
                        ON CONFLICT (service_point_id, day) DO UPDATE SET dishes = excluded.dishes, price_cny = excluded.price_cny,
                            delivery_offered = excluded.delivery_offered, delivery_fee_cny = excluded.delivery_fee_cny,
                            updated_at = excluded.updated_at""")
                        .setParameter("point", pointId).setParameter("day", day).setParameter("dishes", write(menu.dishes()))
                        .setParameter("price", menu.priceCny()).setParameter("delivery", menu.deliveryOffered())
                        .setParameter("fee", fee).setParameter("now", clock.instant()).executeUpdate())
                        .call(() -> audit.record(Actor.staff(staff.id()), "MEAL_MENU_PUBLISHED",
                                "meal-menu:" + pointId + ":" + day, null))
                        .chain(() -> of(pointId, day)))); // answered on the transaction's connection
    }

    /** A canteen's menus of the days {@code from..to} (at most {@value #MAX_DAYS}), in day order. */
    public Uni<List<MealMenu>> between(long pointId, LocalDate from, LocalDate to) {
        checkRange(from, to);
        return canteen(pointId).chain(() -> read(pointId, from, to));
    }

    /** 400 {@code INVALID_DATE_RANGE} unless {@code from..to} is at most {@value #MAX_DAYS} days. */
    static void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusDays(MAX_DAYS - 1L).isBefore(to)) {
            throw new DomainException(400, "INVALID_DATE_RANGE", List.of(new FieldError("to", "INVALID_DATE_RANGE", null)),
                    Map.of(), MAX_DAYS);
        }
    }

    /** The menu of a day, or null when none is published; joins the caller's session. */
    public Uni<MealMenu> of(long pointId, LocalDate day) {
        return read(pointId, day, day).map(menus -> menus.isEmpty() ? null : menus.get(0));
    }

    /** An active point offering meals: 404 {@code SERVICE_POINT_NOT_FOUND}, 409 {@code SERVICE_TYPE_NOT_OFFERED}. */
    private Uni<ServicePoint> canteen(long pointId) {
        return points.getActive(pointId).invoke(point -> {
            if (!point.offers(MealPolicy.TYPE)) {
                throw new DomainException(409, "SERVICE_TYPE_NOT_OFFERED", MealPolicy.TYPE);
            }
        });
    }

    private Uni<List<MealMenu>> read(long pointId, LocalDate from, LocalDate to) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT service_point_id, day, CAST(dishes AS text), price_cny, delivery_offered, delivery_fee_cny, updated_at
                FROM meal_menu WHERE service_point_id = :point AND day BETWEEN :from AND :to ORDER BY day""", Object[].class)
                .setParameter("point", pointId).setParameter("from", from).setParameter("to", to).getResultList()))
                .map(rows -> rows.stream().map(r -> new MealMenu(((Number) r[0]).longValue(), (LocalDate) r[1],
                        read((String) r[2]), (BigDecimal) r[3], (Boolean) r[4], (BigDecimal) r[5], SqlTimes.instant(r[6])))
                        .toList());
    }

    private List<String> read(String dishes) {
        try {
            return List.of(json.readValue(dishes, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable menu", e);
        }
    }

    private String write(List<String> dishes) {
        try {
            return json.writeValueAsString(dishes.stream().map(String::strip).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
