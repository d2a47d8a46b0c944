-- What staff enter with an action (a granted amount, a home visit's findings), sealed with its history row;
-- and when a timed transition that failed may be tried again (it must not hold up the others).
ALTER TABLE application_history ADD COLUMN data_enc BYTEA;
ALTER TABLE application ADD COLUMN timer_retry_at TIMESTAMPTZ;
