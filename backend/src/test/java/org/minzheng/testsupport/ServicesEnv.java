package org.minzheng.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The local test PostgreSQL and Redis as {@code scripts/services.sh env} exports them, for the *IT tests,
 * which run outside Quarkus and talk to the packaged application's database directly.
 */
public final class ServicesEnv {

    private ServicesEnv() {
    }

    public static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run eval \"$(scripts/services.sh env)\" first "
                    + "(scripts/test.sh does)");
        }
        return value;
    }

    /** A new connection to the test database. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(env("_TEST_QUARKUS_DATASOURCE_JDBC_URL"), env("QUARKUS_DATASOURCE_USERNAME"),
                env("QUARKUS_DATASOURCE_PASSWORD"));
    }

    /** The first column of each row of a query on the test database. */
    public static List<String> query(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int count(String sql) {
        return Integer.parseInt(query(sql).get(0));
    }

    /** A command to the test Redis through redis-cli (the password by environment, not on its command line). */
    public static String redis(String... command) {
        URI uri = URI.create(env("_TEST_QUARKUS_REDIS_HOSTS"));
        List<String> args = new ArrayList<>(List.of("redis-cli", "-h", uri.getHost(), "-p",
                Integer.toString(uri.getPort()), "-n", uri.getPath().replace("/", "")));
        args.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            builder.environment().put("REDISCLI_AUTH", userInfo.substring(userInfo.indexOf(':') + 1));
        }
        try {
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("redis-cli " + command[0] + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
