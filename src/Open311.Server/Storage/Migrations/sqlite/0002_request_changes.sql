-- Every change of a request's updated_at, with the time of the change before it. A request's changes
-- form a chain; exactly one link crosses any time T, so "the first change at or after T" is one row,
-- found without looking at the others. Sync reads (order=updated_datetime with updated_after) page
-- over these rows: a request updated again during a pass keeps its place, and the list only grows
-- at its end, so pages never skip or repeat.
CREATE TABLE request_changes (
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    changed_at INTEGER NOT NULL,
    prev_at    INTEGER,
    PRIMARY KEY (request_id, changed_at)
) WITHOUT ROWID;

CREATE INDEX request_changes_in_order ON request_changes (changed_at, request_id, prev_at);

-- Kept by the database itself, so that no writer can forget it.
CREATE TRIGGER requests_created AFTER INSERT ON requests
BEGIN
    INSERT INTO request_changes (request_id, changed_at, prev_at) VALUES (NEW.id, NEW.updated_at, NULL);
END;

CREATE TRIGGER requests_updated AFTER UPDATE OF updated_at ON requests
WHEN NEW.updated_at > OLD.updated_at
BEGIN
    INSERT INTO request_changes (request_id, changed_at, prev_at) VALUES (NEW.id, NEW.updated_at, OLD.updated_at);
END;

INSERT INTO request_changes (request_id, changed_at, prev_at) SELECT id, updated_at, NULL FROM requests;
