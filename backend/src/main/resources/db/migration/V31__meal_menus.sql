-- 长者助餐 (DESIGN.md §4): a canteen's weekday lunch menu, its price before subsidy and whether (and for what
-- fee) it delivers; seats are the booking engine's slots of service type ELDERLY_MEAL. A meal booked keeps the
-- price it was booked at, whatever the menu or the subsidy rules become.
CREATE TABLE meal_menu (
    service_point_id  BIGINT       NOT NULL REFERENCES service_point (id),
    day               DATE         NOT NULL,
    -- dish names as a JSON array of strings (1 to 10, each at most 50 characters: checked by the API)
    dishes            JSONB        NOT NULL CHECK (jsonb_typeof(dishes) = 'array' AND jsonb_array_length(dishes) BETWEEN 1 AND 10),
    price_cny         NUMERIC(8,2) NOT NULL CHECK (price_cny >= 0),
    delivery_offered  BOOLEAN      NOT NULL,
    delivery_fee_cny  NUMERIC(8,2) NOT NULL DEFAULT 0 CHECK (delivery_fee_cny >= 0 AND (delivery_offered OR delivery_fee_cny = 0)),
    updated_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (service_point_id, day)
);

-- The price of a booked meal, written in the booking's transaction. The tier says why the subsidy applies and so
-- hints at relief status: it is sealed like other personal data.
CREATE TABLE meal_order (
    booking_id        BIGINT       PRIMARY KEY REFERENCES booking (id),
    mode              TEXT         NOT NULL CHECK (mode IN ('DINE_IN', 'DELIVERY')),
    base_price_cny    NUMERIC(8,2) NOT NULL CHECK (base_price_cny >= 0),
    subsidy_cny       NUMERIC(8,2) NOT NULL CHECK (subsidy_cny >= 0 AND subsidy_cny <= base_price_cny),
    delivery_fee_cny  NUMERIC(8,2) NOT NULL CHECK (delivery_fee_cny >= 0),
    price_cny         NUMERIC(8,2) NOT NULL CHECK (price_cny = base_price_cny - subsidy_cny + delivery_fee_cny),
    tier_enc          BYTEA        NOT NULL
);
