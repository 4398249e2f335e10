-- See the SQLite migration of the same name: the chain of a request's changes, for stable sync paging.
CREATE TABLE request_changes (
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    changed_at bigint NOT NULL,
    prev_at    bigint,
    PRIMARY KEY (request_id, changed_at)
);

CREATE INDEX request_changes_in_order ON request_changes (changed_at, request_id) INCLUDE (prev_at);

CREATE FUNCTION record_request_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO request_changes (request_id, changed_at, prev_at) VALUES (NEW.id, NEW.updated_at, NULL);
    ELSIF NEW.updated_at > OLD.updated_at THEN
        INSERT INTO request_changes (request_id, changed_at, prev_at) VALUES (NEW.id, NEW.updated_at, OLD.updated_at);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER requests_created AFTER INSERT ON requests FOR EACH ROW EXECUTE FUNCTION record_request_change();
CREATE TRIGGER requests_updated AFTER UPDATE OF updated_at ON requests FOR EACH ROW EXECUTE FUNCTION record_request_change();

INSERT INTO request_changes (request_id, changed_at, prev_at) SELECT id, updated_at, NULL FROM requests;
