-- When a case first left its draft: staff never see what was never submitted (a withdrawn draft included).
ALTER TABLE application ADD COLUMN submitted_at TIMESTAMPTZ;
-- the assignee filter, and the district's queue across types (approvers, admins)
CREATE INDEX application_by_assignee ON application (assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX application_district_queue ON application ((coalesce(due_at, 'infinity'::timestamptz)), id)
    WHERE submitted_at IS NOT NULL;
