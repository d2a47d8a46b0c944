package org.minzheng.eldercare;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.minzheng.booking.service.WorkCalendar;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.TestIds;

import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Canteens, their lunch slots and menus, and elders of a given age for the meal tests. */
@ApplicationScoped
public class MealFixtures {

    static final String TYPE = "ELDERLY_MEAL";
    static final LocalTime LUNCH = LocalTime.of(11, 30);

    private final BookingFixtures fixtures;
    private final WorkCalendar calendar;

    public MealFixtures(BookingFixtures fixtures, WorkCalendar calendar) {
        this.fixtures = fixtures;
        this.calendar = calendar;
    }

    /** The workdays (and the other days) of the next two weeks, tomorrow first: within the booking horizon. */
    List<LocalDate> days(boolean workdays) {
        LocalDate today = BookingFixtures.today();
        try {
            WorkCalendar.Workdays w = VertxContextSupport.subscribeAndAwait(() -> calendar.workdays(today, today.plusDays(14)));
            return today.plusDays(1).datesUntil(today.plusDays(15)).filter(d -> w.isWorkday(d) == workdays).toList();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    long canteen() {
        return fixtures.servicePoint(TYPE);
    }

    /** The canteen's lunch of the day (the slot its ELDERLY_MEAL schedule would make), with this many seats. */
    long lunch(long canteen, LocalDate day, int seats) {
        return fixtures.slot(canteen, TYPE, day, LUNCH, seats, null);
    }

    static Response publish(RequestSpecification staff, long canteen, LocalDate day, String price, Boolean delivery, String fee) {
        Map<String, Object> body = new HashMap<>(Map.of("dishes", List.of("清蒸鲈鱼", "番茄炒蛋", "米饭"), "priceCny", price));
        body.put("deliveryOffered", delivery);
        body.put("deliveryFeeCny", fee);
        return staff.contentType(ContentType.JSON).body(body).put("/api/v1/staff/eldercare/canteens/" + canteen + "/menus/" + day);
    }

    record Elder(long id, String idNumber) {
    }

    /** A dependant of the resident who is {@code age} today and for the next weeks. */
    Elder elder(BookingFixtures.Resident family, int age) {
        String idNumber = TestIds.nanshan(BookingFixtures.today().minusYears(age).minusDays(30), age % 2 == 0);
        return new Elder(fixtures.dependant(family.id(), "长者" + age, idNumber), idNumber);
    }

    static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }
}
