-- V16 keyed every kind of schedule exception by its start, which let a point have two special openings (or
-- capacity changes) on one day. Only closures come in windows: the others stay one per point, type and day,
-- and a closure is one per exact window (a wider one with the same start is another closure).
DROP INDEX schedule_exception_one_per_window;
CREATE UNIQUE INDEX schedule_exception_one_per_day
    ON schedule_exception (service_point_id, service_type, day, kind) WHERE kind <> 'CLOSED';
CREATE UNIQUE INDEX schedule_exception_one_per_closed_window
    ON schedule_exception (service_point_id, service_type, day, starts_at, ends_at) NULLS NOT DISTINCT WHERE kind = 'CLOSED';
