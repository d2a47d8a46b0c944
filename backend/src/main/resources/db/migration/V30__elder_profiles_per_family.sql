-- An elder's profile is what one family declared for them and what staff verified for that family, within
-- one of its applications: a stranger who names the same person as a dependant starts from nothing and
-- learns nothing (the table had no production rows; V26 keyed it by person alone).
DROP TABLE elder_profile;
CREATE TABLE elder_profile (
    resident_id               BIGINT      NOT NULL REFERENCES resident (id),
    id_number_index           BYTEA       NOT NULL,
    profile_enc               BYTEA       NOT NULL,
    declared_at               TIMESTAMPTZ NOT NULL,
    verified_at               TIMESTAMPTZ,
    verified_by               BIGINT      REFERENCES staff_account (id),
    verified_in_application   BIGINT      REFERENCES application (id),
    PRIMARY KEY (resident_id, id_number_index)
);

-- Which field of the form named each subject, so staff steps need only what was recorded at submission
-- (the family may have revoked a dependant since).
ALTER TABLE application_subject ADD COLUMN field TEXT;
