-- Append-only record of every staff read of personal data and every state change (DESIGN.md 3.3).
-- Rows carry references and action names, never the personal data itself.
CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor_kind  TEXT        NOT NULL CHECK (actor_kind IN ('RESIDENT', 'STAFF', 'SYSTEM')),
    actor_id    TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    subject     TEXT        NOT NULL,
    purpose     TEXT,
    request_id  TEXT
);
CREATE INDEX audit_log_subject_at ON audit_log (subject, at);
CREATE INDEX audit_log_actor_at ON audit_log (actor_kind, actor_id, at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
