-- Tomb-sweeping on the booking engine: a site (a cemetery) groups its gates; a slot may carry a second
-- capacity, parking, counted in cars and taken in the same statement as its people; a closure may cover
-- one window of a day; and a booking may hold details only its resident and the staff serving it read.

ALTER TABLE service_point DROP CONSTRAINT service_point_kind_check;
ALTER TABLE service_point ADD CONSTRAINT service_point_kind_check
    CHECK (kind IN ('OFFICE', 'HALL', 'CEMETERY', 'CEMETERY_GATE', 'COUNSELING_ROOM', 'CANTEEN', 'ELDER_CARE'));
-- The site a point belongs to (a gate's cemetery); a site has no site of its own.
ALTER TABLE service_point ADD COLUMN site_id BIGINT REFERENCES service_point (id);
ALTER TABLE service_point ADD CONSTRAINT service_point_site_not_self CHECK (site_id <> id);
CREATE INDEX service_point_by_site ON service_point (site_id) WHERE site_id IS NOT NULL;

-- Parking (cars) beside people; NULL: the point offers no parking.
ALTER TABLE schedule ADD COLUMN parking_capacity INT CHECK (parking_capacity >= 0);
ALTER TABLE schedule_exception ADD COLUMN parking_capacity INT CHECK (parking_capacity >= 0);
ALTER TABLE slot ADD COLUMN parking_capacity INT CHECK (parking_capacity >= 0);
ALTER TABLE slot ADD COLUMN parking_booked INT NOT NULL DEFAULT 0 CHECK (parking_booked >= 0);
ALTER TABLE slot ADD CONSTRAINT slot_parking_within_capacity CHECK (parking_booked <= coalesce(parking_capacity, 0));
ALTER TABLE booking ADD COLUMN parking_units INT NOT NULL DEFAULT 0 CHECK (parking_units >= 0);

-- A CLOSED exception with a window closes the slots inside it only; several such windows per day.
ALTER TABLE schedule_exception DROP CONSTRAINT schedule_exception_service_point_id_service_type_day_kind_key;
CREATE UNIQUE INDEX schedule_exception_one_per_window
    ON schedule_exception (service_point_id, service_type, day, kind, starts_at) NULLS NOT DISTINCT;
ALTER TABLE schedule_exception ADD CONSTRAINT schedule_exception_window
    CHECK (kind <> 'CLOSED' OR (starts_at IS NULL) = (ends_at IS NULL) AND (starts_at IS NULL OR starts_at < ends_at));

-- Details of a booking that are personal (a car plate), sealed like other personal data.
ALTER TABLE booking ADD COLUMN sealed_details BYTEA;
