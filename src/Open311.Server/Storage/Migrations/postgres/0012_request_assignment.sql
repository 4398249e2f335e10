-- Issue 28: who works a request: its team (which also gives agency_responsible its public name) and, optionally, a
-- staff user. Neither appears on any public answer.
ALTER TABLE requests ADD COLUMN team_id text REFERENCES teams (id);
ALTER TABLE requests ADD COLUMN assignee_id bigint REFERENCES staff_users (id);
CREATE INDEX requests_by_team ON requests (team_id, status) WHERE team_id IS NOT NULL;
CREATE INDEX requests_by_assignee ON requests (assignee_id, status) WHERE assignee_id IS NOT NULL;
