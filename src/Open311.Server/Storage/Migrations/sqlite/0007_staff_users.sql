-- Staff accounts for the console (issue 15): people, not keys. The password is an ASP.NET Core Identity
-- PasswordHasher hash; must_change is set by a one-time password (a new account, a reset) until the user picks one.
-- Lockout: failures counted from failures_since within the window; locked_until set at the limit.
-- stamp changes with the password, the role or the state, so an older sign-in cookie is no longer accepted.
CREATE TABLE staff_users (
    id             INTEGER PRIMARY KEY,
    email          TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('staff', 'admin')),
    active         INTEGER NOT NULL DEFAULT 1,
    password_hash  TEXT    NOT NULL,
    must_change    INTEGER NOT NULL DEFAULT 1,
    stamp          TEXT    NOT NULL,
    failures       INTEGER NOT NULL DEFAULT 0,
    failures_since INTEGER,
    locked_until   INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

-- Who made a change: a key (api_key_id) for the APIs, a staff user (user_id) for the console; key_name keeps
-- the name either had at the time.
ALTER TABLE audit_log ADD COLUMN user_id INTEGER REFERENCES staff_users (id);
