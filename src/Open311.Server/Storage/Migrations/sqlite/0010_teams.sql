-- Teams (issue 28): who works a request. public_name is what agency_responsible shows on the public wire; the
-- members are staff users (a user may be in several teams) and never appear on any public answer.
CREATE TABLE teams (
    id          TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    public_name TEXT    NOT NULL,
    email       TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE team_members (
    team_id TEXT    NOT NULL REFERENCES teams (id),
    user_id INTEGER NOT NULL REFERENCES staff_users (id),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_by_user ON team_members (user_id);
