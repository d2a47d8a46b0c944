package org.minzheng.common.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Flyway owns the schema, and the database itself keeps the audit log append-only. */
@QuarkusTest
class AuditLogSchemaTest {

    @Inject
    AgroalDataSource db;

    @Test
    void migrationsRanAtStartUp() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success AND version = '1'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void auditRowsCanBeAddedButNeverChangedOrRemoved() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO audit_log (at, actor_kind, actor_id, action, subject) "
                    + "VALUES (now(), 'SYSTEM', 'test', 'PROBE', 'audit-schema-test')");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET action = 'FORGED' WHERE subject = 'audit-schema-test'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log WHERE subject = 'audit-schema-test'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE audit_log"))
                    .hasMessageContaining("append-only");
        }
    }
}
