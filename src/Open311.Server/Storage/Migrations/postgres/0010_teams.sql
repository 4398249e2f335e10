-- Teams (issue 28): who works a request. public_name is what agency_responsible shows on the public wire; the
-- members are staff users (a user may be in several teams) and never appear on any public answer.
CREATE TABLE teams (
    id          text   PRIMARY KEY,
    name        text   NOT NULL UNIQUE,
    public_name text   NOT NULL,
    email       text,
    created_at  bigint NOT NULL,
    updated_at  bigint NOT NULL
);

CREATE TABLE team_members (
    team_id text   NOT NULL REFERENCES teams (id),
    user_id bigint NOT NULL REFERENCES staff_users (id),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_by_user ON team_members (user_id);
