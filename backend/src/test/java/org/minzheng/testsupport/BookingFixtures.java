package org.minzheng.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.jwt.build.Jwt;

import org.minzheng.common.crypto.PersonalDataCipher;

/**
 * Fast set-up for booking tests: service points and slots straight into the tables (their own admin
 * API is tested elsewhere), verified residents with encrypted identities and signed tokens, and the
 * invariants checked in PostgreSQL and Redis.
 */
@ApplicationScoped
public class BookingFixtures {

    private final AgroalDataSource db;
    private final PersonalDataCipher cipher;
    private final RedisDataSource redis;

    public BookingFixtures(AgroalDataSource db, PersonalDataCipher cipher, RedisDataSource redis) {
        this.db = db;
        this.cipher = cipher;
        this.redis = redis;
    }

    /** Today where the bureau is, whatever the test machine's zone. */
    public static LocalDate today() {
        return LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    }

    public long servicePoint(String... serviceTypes) {
        return insert("INSERT INTO service_point (kind, name, street_code, address, service_types, created_at, updated_at) "
                + "VALUES ('OFFICE', 'Test office " + UUID.randomUUID().toString().substring(0, 6)
                + "', 'NANSHAN', '常兴路163号', ?, now(), now()) RETURNING id", ps -> ps.setArray(1,
                        ps.getConnection().createArrayOf("text", serviceTypes)));
    }

    public long slot(long point, String type, LocalDate day, LocalTime start, int capacity, Instant releaseAt) {
        return insert("INSERT INTO slot (service_point_id, service_type, day, starts_at, ends_at, capacity, release_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", ps -> {
                    ps.setLong(1, point);
                    ps.setString(2, type);
                    ps.setObject(3, day);
                    ps.setObject(4, start);
                    ps.setObject(5, start.plusMinutes(30));
                    ps.setInt(6, capacity);
                    ps.setTimestamp(7, releaseAt == null ? null : Timestamp.from(releaseAt));
                });
    }

    public record Resident(long id, String token, String idNumber) {
        public io.restassured.specification.RequestSpecification as() {
            return io.restassured.RestAssured.given().auth().oauth2(token);
        }
    }

    /** Verified residents made directly in the database, with valid access tokens. */
    public List<Resident> verifiedResidents(int count) {
        List<Resident> residents = new ArrayList<>(count);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO resident (openid, name_enc, id_number_enc, id_number_index, birth_date, sex,
                                      identity_verified_at, created_at, last_login_at)
                VALUES (?, ?, ?, ?, ?, 'MALE', now(), now(), now()) RETURNING id""")) {
            for (int i = 0; i < count; i++) {
                String idNumber = TestIds.adultMale();
                ps.setString(1, "fixture-" + UUID.randomUUID());
                ps.setBytes(2, cipher.seal("resident.name", "测试居民"));
                ps.setBytes(3, cipher.seal("resident.id_number", idNumber));
                ps.setBytes(4, cipher.blindIndex("ID_NUMBER", idNumber));
                ps.setObject(5, LocalDate.parse(idNumber.substring(6, 10) + "-" + idNumber.substring(10, 12) + "-"
                        + idNumber.substring(12, 14)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long id = rs.getLong(1);
                    residents.add(new Resident(id, token(id), idNumber));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return residents;
    }

    /** A dependant of the resident (consent recorded), made directly in the database; answers its id. */
    public long dependant(long residentId, String name, String idNumber) {
        return insert("""
                INSERT INTO dependant (resident_id, name_enc, id_number_enc, id_number_index, birth_date, sex, relation,
                                       consent_statement_enc, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'PARENT', ?, now()) RETURNING id""", ps -> {
                    ps.setLong(1, residentId);
                    ps.setBytes(2, cipher.seal("dependant.name", name));
                    ps.setBytes(3, cipher.seal("dependant.id_number", idNumber));
                    ps.setBytes(4, cipher.blindIndex("ID_NUMBER", idNumber));
                    ps.setObject(5, LocalDate.parse(idNumber.substring(6, 10) + "-" + idNumber.substring(10, 12) + "-"
                            + idNumber.substring(12, 14)));
                    ps.setString(6, (idNumber.charAt(16) - '0') % 2 == 1 ? "MALE" : "FEMALE");
                    ps.setBytes(7, cipher.seal("dependant.consent_statement", "家人同意由其代为预约"));
                });
    }

    private static String token(long residentId) {
        Instant now = Instant.now();
        return Jwt.issuer("minzheng").audience("minzheng-api").subject(Long.toString(residentId))
                .groups(Set.of("RESIDENT")).claim("kind", "RESIDENT").issuedAt(now)
                .expiresAt(now.plus(Duration.ofHours(2))).sign();
    }

    public int booked(long slotId) {
        return queryInt("SELECT booked FROM slot WHERE id = " + slotId);
    }

    public int activeBookings(long slotId) {
        return queryInt("SELECT count(*) FROM booking WHERE slot_id = " + slotId
                + " AND status IN ('PENDING', 'CONFIRMED', 'CHECKED_IN')");
    }

    public int activeBookingsOf(long residentId) {
        return queryInt("SELECT count(*) FROM booking WHERE resident_id = " + residentId
                + " AND status IN ('PENDING', 'CONFIRMED', 'CHECKED_IN')");
    }

    /** Sets the gate's counter of a slot, as a reconciler racing bookings in flight could leave it. */
    public void setRedisRemaining(long slotId, int remaining) {
        redis.value(String.class).set("slot:" + slotId + ":remaining", Integer.toString(remaining));
    }

    public Integer redisRemaining(long slotId) {
        String value = redis.value(String.class).get("slot:" + slotId + ":remaining");
        return value == null ? null : Integer.parseInt(value);
    }

    /**
     * The engine's invariants over every slot: booked within capacity, booked equal to the units of the
     * bookings holding units (no unit leaked or lost), and the Redis counter, where present, equal to
     * what is left.
     */
    public void assertInvariants() {
        assertInvariants(new long[0]);
    }

    /** The invariants for these slots only (none: every slot), so other tests' deliberate states do not count. */
    public void assertInvariants(long... slotIds) {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("""
                SELECT s.id, s.capacity, s.booked, COALESCE(sum(b.units) FILTER (WHERE b.status NOT IN ('CANCELLED', 'EXPIRED', 'DECLINED')), 0)
                FROM slot s LEFT JOIN booking b ON b.slot_id = s.id
                WHERE cardinality(?::bigint[]) = 0 OR s.id = ANY(?::bigint[]) GROUP BY s.id""")) {
            Long[] ids = java.util.Arrays.stream(slotIds).boxed().toArray(Long[]::new);
            st.setArray(1, c.createArrayOf("bigint", ids));
            st.setArray(2, c.createArrayOf("bigint", ids));
            ResultSet rs = st.executeQuery();
            while (rs.next()) {
                long id = rs.getLong(1);
                int capacity = rs.getInt(2);
                int booked = rs.getInt(3);
                assertThat(booked).as("slot %d booked <= capacity", id).isLessThanOrEqualTo(capacity);
                assertThat(rs.getInt(4)).as("slot %d booked = units of its active bookings", id).isEqualTo(booked);
                Integer remaining = redisRemaining(id);
                if (remaining != null) {
                    assertThat(remaining).as("slot %d Redis counter", id).isEqualTo(capacity - booked);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outbox templates written for a booking, oldest first. */
    public List<String> queryOutbox(long bookingId) {
        return strings("SELECT template_key FROM outbox WHERE dedup_key LIKE 'booking:" + bookingId + ":%' ORDER BY id");
    }

    /** The first column of a query's rows, as text. */
    public List<String> strings(String query) {
        List<String> values = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    /**
     * The plan PostgreSQL chooses for a query when whole-table scans and sorts are priced out: whether an index
     * can serve the query in its order (on a test's small tables the planner rightly prefers a scan).
     */
    public String planPreferringIndexOrder(String query) {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = st.executeQuery("EXPLAIN " + query)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            } finally {
                st.execute("RESET enable_seqscan; RESET enable_bitmapscan; RESET enable_sort");
            }
            return plan.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void sql(String statement) {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int count(String query) {
        return queryInt(query);
    }

    private int queryInt(String query) {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private long insert(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
