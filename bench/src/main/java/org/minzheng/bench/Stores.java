package org.minzheng.bench;

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
 * The PostgreSQL and Redis the backend's test profile uses, as {@code scripts/services.sh env} exports them:
 * the bench reads them directly to check the invariants after a run, and makes (and removes) the rows and keys
 * the ceilings are measured on.
 */
final class Stores {

    private Stores() {
    }

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run eval \"$(scripts/services.sh env)\" first (bench/run.sh does)");
        }
        return value;
    }

    /** Each row's columns joined by '|', for a query on the test database. */
    static List<String> sql(String query) {
        try (Connection c = DriverManager.getConnection(env("_TEST_QUARKUS_DATASOURCE_JDBC_URL"),
                env("QUARKUS_DATASOURCE_USERNAME"), env("QUARKUS_DATASOURCE_PASSWORD"));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    /** Changes rows of the test database; how many. */
    static int update(String statement) {
        try (Connection c = DriverManager.getConnection(env("_TEST_QUARKUS_DATASOURCE_JDBC_URL"),
                env("QUARKUS_DATASOURCE_USERNAME"), env("QUARKUS_DATASOURCE_PASSWORD"));
                Statement s = c.createStatement()) {
            return s.executeUpdate(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    /** The test Redis: {@code redis://:password@host:port/db}. */
    static URI redisUri() {
        return URI.create(env("_TEST_QUARKUS_REDIS_HOSTS"));
    }

    /** A command to the test Redis through redis-cli (its password by environment, never on a command line); its output lines. */
    static List<String> redis(String... command) {
        return redisFed(null, command);
    }

    /** As {@link #redis}, the command's last argument read from {@code lastArgument} on stdin (redis-cli -x): kept off the command line. */
    static List<String> redisFed(String lastArgument, String... command) {
        URI uri = redisUri();
        List<String> args = new ArrayList<>(List.of("redis-cli", "-h", uri.getHost(), "-p", Integer.toString(uri.getPort()),
                "-n", uri.getPath().replace("/", "")));
        if (lastArgument != null) {
            args.add("-x");
        }
        args.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
        if (uri.getUserInfo() != null) {
            builder.environment().put("REDISCLI_AUTH", uri.getUserInfo().substring(uri.getUserInfo().indexOf(':') + 1));
        }
        try {
            Process p = builder.start();
            try (var stdin = p.getOutputStream()) {
                if (lastArgument != null) {
                    stdin.write(lastArgument.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("redis-cli " + command[0] + ": " + out);
            }
            return out.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
