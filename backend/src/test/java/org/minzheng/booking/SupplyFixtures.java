package org.minzheng.booking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.restassured.http.ContentType;

import org.minzheng.common.time.ClockProducer;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;

/** Service points and schedules through the real admin API, the test clock, and SQL to look underneath. */
public final class SupplyFixtures {

    private SupplyFixtures() {
    }

    /** A new active point offering the given types, created by the admin session. */
    public static long point(Logins.Session admin, String... serviceTypes) {
        return admin.as().contentType(ContentType.JSON).body(pointBody(serviceTypes))
                .post("/api/v1/admin/service-points").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static Map<String, Object> pointBody(String... serviceTypes) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "OFFICE");
        body.put("name", "南山区婚姻登记处 " + UUID.randomUUID().toString().substring(0, 6));
        body.put("streetCode", "NANSHAN");
        body.put("address", "深圳市南山区常兴路163号");
        body.put("latitude", 22.53);
        body.put("longitude", 113.93);
        body.put("phone", "0755-26661013");
        body.put("serviceTypes", List.of(serviceTypes));
        return body;
    }

    /** Mon-Fri workdays of the calendar, 09:00-11:00 in 30-minute slots of {@code capacity}, from 2026-01-01. */
    public static Map<String, Object> workdaySchedule(String serviceType, int capacity) {
        Map<String, Object> body = new HashMap<>();
        body.put("serviceType", serviceType);
        body.put("workdaysOnly", true);
        body.put("startsAt", "09:00");
        body.put("endsAt", "11:00");
        body.put("slotMinutes", 30);
        body.put("capacity", capacity);
        body.put("validFrom", "2026-01-01");
        return body;
    }

    public static long schedule(Logins.Session admin, long pointId, Map<String, Object> body) {
        return admin.as().contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/service-points/" + pointId + "/schedules").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    public static long exception(Logins.Session admin, long pointId, Map<String, Object> body) {
        return admin.as().contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/service-points/" + pointId + "/schedule-exceptions").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** Puts the application's "now" at {@code time} on {@code day} in Asia/Shanghai (time keeps running). */
    public static void today(TestClock clock, LocalDate day, LocalTime time) {
        clock.reset();
        clock.advance(Duration.between(clock.instant(), ZonedDateTime.of(day, time, ClockProducer.ZONE).toInstant()));
    }

    /** Rows as column → value maps, in the order of the query. */
    public static List<Map<String, Object>> query(DataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(DataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every slot of the point, with the columns that matter, by day and start. */
    public static List<Map<String, Object>> slots(DataSource db, long pointId) {
        return query(db, "SELECT id, service_type, day::text AS day, to_char(starts_at, 'HH24:MI') AS starts, "
                + "to_char(ends_at, 'HH24:MI') AS ends, capacity, booked, release_at, closed, schedule_id "
                + "FROM slot WHERE service_point_id = ? ORDER BY service_type, day, starts_at", pointId);
    }

    /** Slots of one day as "HH:MM-HH:MM" (closed ones marked), for readable assertions. */
    public static List<String> day(DataSource db, long pointId, String day) {
        return query(db, "SELECT to_char(starts_at, 'HH24:MI') || '-' || to_char(ends_at, 'HH24:MI') "
                + "|| CASE WHEN closed THEN ' closed' ELSE '' END AS slot "
                + "FROM slot WHERE service_point_id = ? AND day = ?::date ORDER BY starts_at", pointId, day)
                .stream().map(r -> (String) r.get("slot")).toList();
    }

    /** The days that have open slots, in order. */
    public static List<String> openDays(DataSource db, long pointId) {
        return query(db, "SELECT DISTINCT day::text AS day FROM slot WHERE service_point_id = ? AND NOT closed ORDER BY 1",
                pointId).stream().map(r -> (String) r.get("day")).toList();
    }
}
