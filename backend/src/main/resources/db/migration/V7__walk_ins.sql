-- Walk-ins: staff book at the counter for a person who is present and may have no account.
ALTER TABLE booking ALTER COLUMN resident_id DROP NOT NULL;
ALTER TABLE booking ADD CONSTRAINT booking_has_a_booker CHECK (resident_id IS NOT NULL OR created_by_staff IS NOT NULL);
