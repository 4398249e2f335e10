-- See the SQLite migration of the same name: extended statuses, the status at each change, client update ids,
-- Idempotency-Key answers (CONTRACT §11).
ALTER TABLE requests ADD COLUMN status_detail text NOT NULL DEFAULT 'submitted';
ALTER TABLE requests ADD COLUMN duplicate_of text;
ALTER TABLE requests ADD COLUMN external_status_code text;
-- The media_url links after the first, when a client repeats media_url (FixMyStreet sends one per photo), a line each.
ALTER TABLE requests ADD COLUMN more_media_urls text;
UPDATE requests SET status_detail = 'closed' WHERE status = 'closed';

ALTER TABLE request_changes ADD COLUMN status_detail text;
ALTER TABLE request_changes ADD COLUMN external_status_code text;
UPDATE request_changes c SET status_detail = r.status_detail, external_status_code = r.external_status_code
FROM requests r WHERE r.id = c.request_id;

CREATE OR REPLACE FUNCTION record_request_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO request_changes (request_id, changed_at, prev_at, status_detail, external_status_code)
        VALUES (NEW.id, NEW.updated_at, NULL, NEW.status_detail, NEW.external_status_code);
    ELSIF NEW.updated_at > OLD.updated_at THEN
        INSERT INTO request_changes (request_id, changed_at, prev_at, status_detail, external_status_code)
        VALUES (NEW.id, NEW.updated_at, OLD.updated_at, NEW.status_detail, NEW.external_status_code);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION record_request_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE request_changes SET status_detail = NEW.status_detail, external_status_code = NEW.external_status_code
    WHERE request_id = NEW.id AND changed_at = NEW.updated_at;
    RETURN NULL;
END;
$$;

CREATE TRIGGER requests_status_set AFTER UPDATE OF status_detail, external_status_code ON requests
FOR EACH ROW EXECUTE FUNCTION record_request_status();

CREATE INDEX requests_by_status_detail ON requests (status_detail, requested_at, id);

CREATE TABLE client_updates (
    api_key_id       bigint NOT NULL REFERENCES api_keys (id),
    client_update_id text   NOT NULL,
    request_id       bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    update_id        text   NOT NULL,
    created_at       bigint NOT NULL,
    -- the resident's contact fields, as the client sent them: private, read by staff alone
    first_name       text,
    last_name        text,
    email            text,
    phone            text,
    PRIMARY KEY (api_key_id, client_update_id)
);

CREATE TABLE idempotency_keys (
    api_key_id   bigint NOT NULL REFERENCES api_keys (id),
    idem_key     text   NOT NULL,
    fingerprint  text   NOT NULL,
    created_at   bigint NOT NULL,
    status       integer,
    content_type text,
    body         bytea,
    PRIMARY KEY (api_key_id, idem_key)
);

CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
