-- Entitlement balances (喘息服务 days a year, and quotas like it): granted by a decision, spent by bookings,
-- given back by cancellations — each a single conditional UPDATE, so a balance is never below zero or
-- above what was granted, however many bookings race.
CREATE TABLE entitlement (
    id_number_index  BYTEA       NOT NULL,
    kind             TEXT        NOT NULL CHECK (kind ~ '^[A-Z][A-Z_]{1,39}$'),
    year             INT         NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    granted          INT         NOT NULL CHECK (granted >= 0),
    used             INT         NOT NULL DEFAULT 0,
    updated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (id_number_index, kind, year),
    CHECK (used >= 0 AND used <= granted)
);
