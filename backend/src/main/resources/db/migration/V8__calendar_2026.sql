-- The national holiday schedule of 2026 with its 调休 make-up workdays, copied from
-- 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04). Later years are loaded by administrators
-- through PUT /api/v1/admin/calendar/{year} once the State Council publishes them (each November).

INSERT INTO calendar_year (year, source, loaded_at)
VALUES (2026, '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, published by Xinhua)', now());

INSERT INTO calendar_day (day, year, kind, name)
SELECT d::date, 2026, 'HOLIDAY', h.name
FROM (VALUES ('元旦',   DATE '2026-01-01', DATE '2026-01-03'),
             ('春节',   DATE '2026-02-15', DATE '2026-02-23'),
             ('清明节', DATE '2026-04-04', DATE '2026-04-06'),
             ('劳动节', DATE '2026-05-01', DATE '2026-05-05'),
             ('端午节', DATE '2026-06-19', DATE '2026-06-21'),
             ('中秋节', DATE '2026-09-25', DATE '2026-09-27'),
             ('国庆节', DATE '2026-10-01', DATE '2026-10-07')) AS h (name, first_day, last_day)
     CROSS JOIN LATERAL generate_series(h.first_day, h.last_day, INTERVAL '1 day') AS d;

INSERT INTO calendar_day (day, year, kind, name)
SELECT d, 2026, 'MAKEUP_WORKDAY', '调休上班'
FROM unnest(ARRAY[DATE '2026-01-04', DATE '2026-02-14', DATE '2026-02-28', DATE '2026-05-09',
                  DATE '2026-09-20', DATE '2026-10-10']) AS d;
