-- Console sessions kept by the server (issue 26): the sign-in cookie carries only the session's id, and a page is
-- served while its row is here, its absolute end (expires_at) has not come and it was seen within the sliding
-- window. Sign-out deletes the row, so a copied cookie ends with it; so does an admin ending a user's sessions.
-- last_seen is written at most once a minute per session; address is the client's as the sign-in saw it.
CREATE TABLE staff_sessions (
    id         TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
    started_at INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    address    TEXT
);

CREATE INDEX staff_sessions_by_user ON staff_sessions (user_id);
