-- A hold can be turned down by someone else named in it (a marriage partner declining): DECLINED.
ALTER TABLE booking DROP CONSTRAINT booking_status_check;
ALTER TABLE booking ADD CONSTRAINT booking_status_check CHECK (status IN ('PENDING', 'CONFIRMED', 'CHECKED_IN',
    'COMPLETED', 'CANCELLED', 'EXPIRED', 'DECLINED', 'NO_SHOW'));
