-- Issue 28: a service's default team (who works its requests when no routing rule names one) and its target
-- (CONTRACT §14's sla: an amount of hours, calendar_days or work_days), from which a new request's
-- expected_datetime is set. Both null: no team, no target.
ALTER TABLE services ADD COLUMN default_team TEXT REFERENCES teams (id);
ALTER TABLE services ADD COLUMN sla_amount INTEGER;
ALTER TABLE services ADD COLUMN sla_unit TEXT CHECK (sla_unit IN ('hours', 'calendar_days', 'work_days'));
