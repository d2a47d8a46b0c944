-- Bookings whose every person must be present (a couple at the marriage office) are checked in person by
-- person, each by their ID card; the booking is CHECKED_IN once all of them are.
ALTER TABLE booking_person ADD COLUMN checked_in_at TIMESTAMPTZ;
