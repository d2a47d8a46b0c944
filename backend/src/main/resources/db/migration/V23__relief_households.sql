-- The district's streets (街道): the jurisdictions applications are handled in. Nanshan's eight streets
-- (shared/data/nanshan.json); the codes are the pinyin names.
CREATE TABLE street (
    code  TEXT PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name  TEXT NOT NULL UNIQUE
);
INSERT INTO street (code, name) VALUES
    ('NANTOU', '南头街道'), ('NANSHAN', '南山街道'), ('SHAHE', '沙河街道'), ('SHEKOU', '蛇口街道'),
    ('ZHAOSHANG', '招商街道'), ('YUEHAI', '粤海街道'), ('TAOYUAN', '桃源街道'), ('XILI', '西丽街道');

-- The people an application is about (a household's members, an elder), by the keyed blind index of
-- their ID number. Recorded when the applicant submits; released when the case ends. Where a type names
-- an exclusive scope (relief: one active household per person), a person holds at most one open place in it.
CREATE TABLE application_subject (
    application_id  BIGINT  NOT NULL REFERENCES application (id),
    id_number_index BYTEA   NOT NULL,
    scope           TEXT,
    holds           BOOLEAN NOT NULL DEFAULT true,
    PRIMARY KEY (application_id, id_number_index)
);
CREATE UNIQUE INDEX application_subject_one_open_place ON application_subject (scope, id_number_index)
    WHERE holds AND scope IS NOT NULL;
CREATE INDEX application_subject_by_person ON application_subject (id_number_index) WHERE holds;

-- 公示: what the community sees of a relief case under public notice, and only that — a masked name, the
-- type and the household size (nothing here is personal enough to seal). Written when the street publishes.
CREATE TABLE relief_notice (
    application_id  BIGINT      PRIMARY KEY REFERENCES application (id),
    street_code     TEXT        NOT NULL REFERENCES street (code),
    relief_type     TEXT        NOT NULL,
    masked_name     TEXT        NOT NULL,
    household_size  INT         NOT NULL CHECK (household_size BETWEEN 1 AND 20),
    published_at    TIMESTAMPTZ NOT NULL,
    ends_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX relief_notice_by_street ON relief_notice (street_code, application_id DESC);
