-- Elderly services (DESIGN.md §4): what the bureau offers and to whom, as data it may change — each service
-- has tiers (助餐: 15 CNY, 5 CNY, full price), each tier alternatives of conditions (age, hukou, relief,
-- disability, listed groups); and what a person declared about themselves for it (hukou region, disability,
-- groups), sealed, until staff verify it against their documents.
CREATE TABLE eldercare_service (
    code        TEXT        PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]{1,31}$'),
    name        TEXT        NOT NULL,
    tiers       JSONB       NOT NULL,
    source      TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

INSERT INTO eldercare_service (code, name, tiers, source, updated_at) VALUES
('HOME_ADAPTATION', '适老化改造', '[{"code": "ELIGIBLE", "name": "可申请", "alternatives": [
    {"minAge": 60, "relief": ["DIBAO", "TEKUN"]},
    {"minAge": 60, "disability": ["MILD", "MODERATE", "SEVERE"]},
    {"minAge": 70, "hukou": "DISTRICT"}]}]', 'Nanshan 民政局 2023 work report', now()),
('MEAL', '长者助餐', '[{"code": "KEY_GROUPS", "name": "重点群体", "subsidyCny": 15, "alternatives": [
    {"minAge": 60, "hukou": "CITY", "relief": ["TEKUN", "DIBAO", "DIBAO_EDGE"]},
    {"minAge": 60, "hukou": "CITY", "groups": ["SANSHU_WULAO", "SHIDU_PARENT", "DISABLED_ONLY_CHILD_PARENT"]},
    {"minAge": 100}]},
  {"code": "HUKOU_70_99", "name": "70至99周岁深圳户籍", "subsidyCny": 5, "alternatives": [{"minAge": 70, "maxAge": 99, "hukou": "CITY"}]},
  {"code": "FULL_PRICE", "name": "其他60周岁以上长者", "subsidyCny": 0, "alternatives": [{"minAge": 60}]}]',
 'Shenzhen 民政局 notice on 长者助餐 subsidies, 2025-01-20', now()),
('RESPITE', '喘息服务', '[{"code": "ELIGIBLE", "name": "可申请", "alternatives": [
    {"minAge": 60, "disability": ["MODERATE", "SEVERE"]}]}]', 'DESIGN.md §4 (bureau rule)', now()),
('HOME_CARE_BED', '家庭养老床位', '[{"code": "ELIGIBLE", "name": "可申请", "alternatives": [
    {"minAge": 60, "disability": ["MILD", "MODERATE", "SEVERE"]}]}]', 'DESIGN.md §4 (bureau rule)', now());

CREATE TABLE elder_profile (
    id_number_index  BYTEA       PRIMARY KEY,
    profile_enc      BYTEA       NOT NULL,
    declared_at      TIMESTAMPTZ NOT NULL,
    verified_at      TIMESTAMPTZ,
    verified_by      BIGINT      REFERENCES staff_account (id),
    version          INT         NOT NULL DEFAULT 0
);
