-- CONTRACT §11. A request's status_detail (the extended status; status, open or closed, follows from it), the
-- request a duplicate repeats, and the status code of the council's own system that staff may set.
ALTER TABLE requests ADD COLUMN status_detail TEXT NOT NULL DEFAULT 'submitted';
ALTER TABLE requests ADD COLUMN duplicate_of TEXT;
ALTER TABLE requests ADD COLUMN external_status_code TEXT;
-- The media_url links after the first, when a client repeats media_url (FixMyStreet sends one per photo), a line each.
ALTER TABLE requests ADD COLUMN more_media_urls TEXT;
UPDATE requests SET status_detail = 'closed' WHERE status = 'closed';

-- Each change remembers the status the request had when the change was done: GET servicerequestupdates shows
-- one update per change (the same changes as the updated_after sync). The insert triggers copy it; a statement
-- that sets the status after the change's touch (RequestChanges touches first) updates the change it belongs to.
ALTER TABLE request_changes ADD COLUMN status_detail TEXT;
ALTER TABLE request_changes ADD COLUMN external_status_code TEXT;
UPDATE request_changes SET status_detail = (SELECT r.status_detail FROM requests r WHERE r.id = request_changes.request_id),
    external_status_code = (SELECT r.external_status_code FROM requests r WHERE r.id = request_changes.request_id);

DROP TRIGGER requests_created;
DROP TRIGGER requests_updated;

CREATE TRIGGER requests_created AFTER INSERT ON requests
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE name = 'change_log_suspended')
BEGIN
    INSERT INTO request_changes (request_id, changed_at, prev_at, status_detail, external_status_code)
    VALUES (NEW.id, NEW.updated_at, NULL, NEW.status_detail, NEW.external_status_code);
END;

CREATE TRIGGER requests_updated AFTER UPDATE OF updated_at ON requests
WHEN NEW.updated_at > OLD.updated_at AND NOT EXISTS (SELECT 1 FROM settings WHERE name = 'change_log_suspended')
BEGIN
    INSERT INTO request_changes (request_id, changed_at, prev_at, status_detail, external_status_code)
    VALUES (NEW.id, NEW.updated_at, OLD.updated_at, NEW.status_detail, NEW.external_status_code);
END;

CREATE TRIGGER requests_status_set AFTER UPDATE OF status_detail, external_status_code ON requests
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE name = 'change_log_suspended')
BEGIN
    UPDATE request_changes SET status_detail = NEW.status_detail, external_status_code = NEW.external_status_code
    WHERE request_id = NEW.id AND changed_at = NEW.updated_at;
END;

CREATE INDEX requests_by_status_detail ON requests (status_detail, requested_at, id);

-- POST servicerequestupdates: the update_id a client sent, per key, and the update it made (a retry answers it).
CREATE TABLE client_updates (
    api_key_id       INTEGER NOT NULL REFERENCES api_keys (id),
    client_update_id TEXT    NOT NULL,
    request_id       INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    update_id        TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    -- the resident's contact fields, as the client sent them: private, read by staff alone
    first_name       TEXT,
    last_name        TEXT,
    email            TEXT,
    phone            TEXT,
    PRIMARY KEY (api_key_id, client_update_id)
) WITHOUT ROWID;

-- Idempotency-Key (CONTRACT §11): per key, kept 24 hours. A row is claimed (status NULL) before the call's work
-- and holds its answer after; the primary key makes two identical calls at once one call, in any instance.
CREATE TABLE idempotency_keys (
    api_key_id   INTEGER NOT NULL REFERENCES api_keys (id),
    idem_key     TEXT    NOT NULL,
    fingerprint  TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    status       INTEGER,
    content_type TEXT,
    body         BLOB,
    PRIMARY KEY (api_key_id, idem_key)
) WITHOUT ROWID;

CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
