-- The notification-worker's delivery log: one row per outbox message it took, keyed by the dedup key, so a
-- redelivered stream entry is never sent twice. The worker acks a stream entry only once its row holds a
-- final status; SENDING carries a lease so a dead worker's attempt is found and marked UNCONFIRMED.
CREATE TABLE notification_delivery (
    dedup_key        TEXT        PRIMARY KEY REFERENCES outbox (dedup_key),
    template_key     TEXT        NOT NULL,
    resident_id      BIGINT      NOT NULL REFERENCES resident (id),
    status           TEXT        NOT NULL CHECK (status IN ('SENDING', 'RETRYING', 'REPLAY', 'SENT', 'NO_CONSENT',
                                     'CONSENT_REVOKED', 'REJECTED', 'FAILED', 'UNCONFIRMED', 'INBOX_ONLY')),
    attempts         INT         NOT NULL DEFAULT 0,
    consent_spent    BOOLEAN     NOT NULL DEFAULT FALSE,
    errcode          INT,
    msgid            BIGINT,
    lease_until      TIMESTAMPTZ,
    next_attempt_at  TIMESTAMPTZ,
    dead_letter_id   TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX delivery_by_status ON notification_delivery (status, updated_at DESC);

-- Staff look up the messages of one booking or application by their dedup-key prefix (booking:42:...).
CREATE INDEX outbox_dedup_prefix ON outbox (dedup_key text_pattern_ops);
