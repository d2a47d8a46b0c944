-- The elder-care network (四级养老服务网络): the district's guidance centre, street 长者服务中心, community
-- 社区长者服务站 and neighbourhood 小区长者服务点, each a service point with its opening hours; and where any
-- point is on the earth, so "nearest first" is one index scan.
UPDATE service_point SET kind = 'ELDER_CARE_CENTRE' WHERE kind = 'ELDER_CARE';
ALTER TABLE service_point DROP CONSTRAINT service_point_kind_check;
ALTER TABLE service_point ADD CONSTRAINT service_point_kind_check
    CHECK (kind IN ('OFFICE', 'HALL', 'CEMETERY', 'CEMETERY_GATE', 'COUNSELING_ROOM', 'CANTEEN', 'ELDER_CARE_DISTRICT',
                    'ELDER_CARE_CENTRE', 'ELDER_CARE_STATION', 'ELDER_CARE_POINT'));
-- shown as written, e.g. 周一至周五 08:30-17:30
ALTER TABLE service_point ADD COLUMN opening_hours TEXT CHECK (length(opening_hours) <= 100);

-- A point on the unit sphere (x, y, z): straight-line distance between two of them orders exactly as the
-- great-circle distance does, and the cube extension (trusted: a database owner may create it) indexes it
-- for nearest-neighbour scans (ORDER BY earth <-> ...). No earthdistance needed: metres are computed from it.
CREATE EXTENSION IF NOT EXISTS cube;
ALTER TABLE service_point ADD COLUMN earth cube GENERATED ALWAYS AS (
    CASE WHEN latitude IS NOT NULL AND longitude IS NOT NULL THEN cube(ARRAY[
        cos(radians(latitude)) * cos(radians(longitude)),
        cos(radians(latitude)) * sin(radians(longitude)),
        sin(radians(latitude))]) END) STORED;
CREATE INDEX service_point_nearest ON service_point USING gist (earth) WHERE active AND earth IS NOT NULL;
