-- Relief standards per year (DESIGN.md §4), editable by administrators: the minimum-living standard per
-- person and month, the multiplier of the 低保边缘 line, the 特困 support multiple, and asset limits. A limit
-- left empty is not checked by the self-assessment (the street's investigation checks it).
CREATE TABLE relief_standard (
    year                    INT           PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    minimum_living_cny      NUMERIC(10,2) NOT NULL CHECK (minimum_living_cny > 0),
    edge_multiplier         NUMERIC(4,2)  NOT NULL CHECK (edge_multiplier >= 1),
    tekun_multiplier        NUMERIC(4,2)  CHECK (tekun_multiplier >= 1),
    deposit_limit_months    NUMERIC(6,2)  CHECK (deposit_limit_months >= 0),
    vehicle_value_limit_cny NUMERIC(12,2) CHECK (vehicle_value_limit_cny >= 0),
    source                  TEXT          NOT NULL,
    updated_at              TIMESTAMPTZ   NOT NULL
);
-- Shenzhen 2023: 1413 CNY per person and month (Nanshan 民政局 2023 work report); 边缘 below 1.5× (DESIGN.md §4).
-- The 特困 multiple and asset limits are set by the bureau; none is seeded here.
INSERT INTO relief_standard (year, minimum_living_cny, edge_multiplier, source, updated_at)
VALUES (2023, 1413.00, 1.50, 'Nanshan 民政局 2023 work report', now());
