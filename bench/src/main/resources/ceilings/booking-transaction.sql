-- pgbench: one successful booking, the statements the backend's POST /api/v1/me/bookings runs in its one
-- transaction (Idempotency-Key sent, one person, no waitlist entry, no parking), in its order, on rows Ceilings
-- made. -D: first_slot, slots (1: one hot slot), first_resident, residents, run (unique per run), n=0.
-- Each booking is for a new person (a fresh blind index), as each resident of the flash release books once; the
-- name is a constant of a sealed name's size (45 bytes).
\set slot :first_slot + random(0, :slots - 1)
\set resident :first_resident + random(0, :residents - 1)
\set n :n + 1
BEGIN;
-- IdempotencyKeys.once: the key is claimed first
INSERT INTO idempotency_key (actor, key, fingerprint, created_at)
VALUES ('resident:' || CAST(:resident AS text), :run || '-' || :client_id || '-' || :n,
        'Request[slotId=' || CAST(:slot AS text) || ', self=true, dependantIds=[], partySize=null, details=null, named=[], sealed=[]][]',
        now())
ON CONFLICT (actor, key) DO NOTHING;
-- SlotInventory.read
SELECT s.id, s.service_point_id, coalesce(p.site_id, p.id) AS site_id, s.service_type, s.day, s.starts_at, s.ends_at,
       s.capacity, s.booked, s.parking_capacity, s.parking_booked, s.release_at, s.closed
FROM slot s JOIN service_point p ON p.id = s.service_point_id WHERE s.id = :slot \gset slot_
-- People.actingFor: the resident (Hibernate's findById)
SELECT r1_0.id, r1_0.birth_date, r1_0.created_at, r1_0.id_number_enc, r1_0.id_number_index, r1_0.identity_verified_at,
       r1_0.last_login_at, r1_0.name_enc, r1_0.openid, r1_0.phone_enc, r1_0.phone_index, r1_0.sex, r1_0.unionid, r1_0.version
FROM resident r1_0 WHERE r1_0.id = :resident;
-- (here the backend runs the Redis gate, slot-reserve.lua)
-- Bookings.checkNotSuspended
SELECT day FROM booking WHERE resident_id = :resident AND service_type = :slot_service_type AND status = 'NO_SHOW'
AND day >= current_date - 90 ORDER BY day DESC;
-- Bookings.insert: the booking (Hibernate's persist)
INSERT INTO booking (checked_in_at, checked_in_by, created_at, created_by_staff, day, details, hold_until, parking_units,
                     reference, resident_id, sealed_details, service_point_id, service_type, slot_id, status, units,
                     updated_at, version)
VALUES (NULL, NULL, now(), NULL, CAST(:slot_day AS date), CAST('{}' AS jsonb), NULL, 0,
        'C' || :run || '-' || :client_id || '-' || :n, :resident, NULL, :slot_service_point_id, :slot_service_type, :slot,
        'CONFIRMED', 1, now(), 0)
RETURNING id \gset booking_
-- Bookings.insertPeople
INSERT INTO booking_person (booking_id, person_ref, id_number_index, name_enc, limit_key, active)
VALUES (:booking_id, 'resident:' || CAST(:resident AS text),
        sha256(convert_to(:run || '-' || :client_id || '-' || :n, 'UTF8')),
        CAST('\x0708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233' AS bytea),
        :slot_service_type || ':' || CAST(:slot_service_point_id AS text) || ':' || CAST(:slot_day AS text), TRUE)
ON CONFLICT (limit_key, id_number_index) WHERE active AND limit_key IS NOT NULL DO NOTHING;
-- Outbox.record: the confirmation and the resident's inbox message (':' || 'CONFIRMED': pgbench would take a
-- colon and a name for a variable even inside a literal)
WITH sent AS (
    INSERT INTO outbox (dedup_key, template_key, resident_id, data, created_at)
    VALUES ('booking:' || CAST(:booking_id AS text) || ':' || 'CONFIRMED', 'BOOKING_CONFIRMED', CAST(:resident AS bigint),
            jsonb_build_object('bookingId', CAST(:booking_id AS bigint), 'reference', CAST('C' || :run || '-' || :client_id || '-' || :n AS text),
                               'serviceType', CAST(:slot_service_type AS text), 'servicePointId', CAST(:slot_service_point_id AS bigint),
                               'day', CAST(:slot_day AS text), 'startsAt', CAST(:slot_starts_at AS text),
                               'endsAt', CAST(:slot_ends_at AS text), 'status', 'CONFIRMED'),
            now())
    ON CONFLICT (dedup_key) DO NOTHING
    RETURNING dedup_key, template_key, resident_id, data, created_at)
INSERT INTO inbox_message (dedup_key, template_key, resident_id, data, created_at)
SELECT dedup_key, template_key, resident_id, data, created_at FROM sent;
-- SlotInventory.take: the conditional update, after the booking's rows; it holds the slot's row until the commit
UPDATE slot SET booked = booked + 1, parking_booked = parking_booked + 0
WHERE id = :slot AND NOT closed AND booked + 1 <= capacity
  AND parking_booked + 0 <= coalesce(parking_capacity, 0);
-- Waitlist.leaveOnBooking
UPDATE waitlist_entry SET status = 'LEFT', updated_at = now()
WHERE slot_id = :slot AND resident_id = :resident AND status = 'WAITING';
-- IdempotencyKeys.store: the answer kept for a retry (the BookingView, about 450 bytes)
UPDATE idempotency_key SET response = jsonb_build_object(
    'id', CAST(:booking_id AS bigint), 'day', CAST(:slot_day AS text), 'units', 1, 'endsAt', CAST(:slot_ends_at AS text),
    'people', jsonb_build_array(jsonb_build_object('name', '测***', 'checkedIn', false,
                                                   'reference', 'resident:' || CAST(:resident AS text))),
    'slotId', CAST(:slot AS bigint), 'status', 'CONFIRMED', 'details', jsonb_build_object(),
    'startsAt', CAST(:slot_starts_at AS text), 'createdAt', CAST(now() AS text), 'holdUntil', NULL,
    'qrPayload', 'MZB1.' || CAST(:booking_id AS text) || '.1796313600.MLXIgAgmrax63ea795VF_g',
    'reference', CAST('C' || :run || '-' || :client_id || '-' || :n AS text), 'serviceType', CAST(:slot_service_type AS text),
    'parkingUnits', 0, 'servicePointId', CAST(:slot_service_point_id AS bigint))
WHERE actor = 'resident:' || CAST(:resident AS text) AND key = :run || '-' || :client_id || '-' || :n;
COMMIT;
