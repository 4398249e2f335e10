-- The whole GeoReport v2 + Austin addendum + staff model. Times are UTC milliseconds since the Unix epoch.

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE services (
    id           INTEGER PRIMARY KEY,
    service_code TEXT    NOT NULL UNIQUE,
    service_name TEXT    NOT NULL,
    description  TEXT,
    type         TEXT    NOT NULL DEFAULT 'realtime' CHECK (type IN ('realtime', 'batch', 'blackbox')),
    keywords     TEXT,
    group_name   TEXT,
    active       INTEGER NOT NULL DEFAULT 1,
    notice       TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

CREATE TABLE service_attributes (
    id                   INTEGER PRIMARY KEY,
    service_id           INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    code                 TEXT    NOT NULL,
    variable             INTEGER NOT NULL,
    datatype             TEXT    NOT NULL CHECK (datatype IN ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
    required             INTEGER NOT NULL,
    datatype_description TEXT,
    sort_order           INTEGER NOT NULL,
    description          TEXT    NOT NULL,
    UNIQUE (service_id, code),
    UNIQUE (service_id, sort_order)
);

CREATE TABLE service_attribute_values (
    attribute_id INTEGER NOT NULL REFERENCES service_attributes (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    key          TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    PRIMARY KEY (attribute_id, key)
);

CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    role       TEXT    NOT NULL CHECK (role IN ('client', 'staff', 'admin')),
    key_hash   TEXT    NOT NULL UNIQUE,
    key_prefix TEXT    NOT NULL,
    per_minute INTEGER,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

-- YY-NNNNNNNN: the sequence within a year.
CREATE TABLE request_sequences (
    year       INTEGER PRIMARY KEY,
    last_value INTEGER NOT NULL
);

CREATE TABLE requests (
    id                 INTEGER PRIMARY KEY,
    service_request_id TEXT    NOT NULL UNIQUE,
    token              TEXT    NOT NULL UNIQUE,
    service_id         INTEGER NOT NULL REFERENCES services (id),
    status             TEXT    NOT NULL CHECK (status IN ('open', 'closed')),
    status_notes       TEXT,
    description        TEXT,
    agency_responsible TEXT,
    service_notice     TEXT,
    requested_at       INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    expected_at        INTEGER,
    address            TEXT,
    address_id         TEXT,
    zipcode            TEXT,
    lat                REAL,
    lon                REAL,
    media_url          TEXT,
    channel            TEXT,
    -- personal fields: stored, never shown publicly (CONTRACT §4)
    email              TEXT,
    phone              TEXT,
    first_name         TEXT,
    last_name          TEXT,
    device_id          TEXT,
    account_id         TEXT,
    -- the key that created it: its token resolves only for that key or staff (CONTRACT §7)
    api_key_id         INTEGER REFERENCES api_keys (id),
    -- moves on every change; the staff API's ETag
    version            INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX requests_by_requested ON requests (requested_at, id);
CREATE INDEX requests_by_updated ON requests (updated_at, id);
CREATE INDEX requests_by_service ON requests (service_id, requested_at, id);
CREATE INDEX requests_by_status ON requests (status, requested_at, id);

CREATE TABLE request_attributes (
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    code       TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    value      TEXT    NOT NULL,
    PRIMARY KEY (request_id, code, position)
);

CREATE TABLE request_notes (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    type        TEXT    NOT NULL CHECK (type IN ('opened', 'activity', 'closed')),
    summary     TEXT,
    description TEXT,
    public      INTEGER NOT NULL,
    api_key_id  INTEGER REFERENCES api_keys (id)
);

CREATE INDEX request_notes_by_request ON request_notes (request_id, created_at, id);

CREATE TABLE request_photos (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    title        TEXT,
    public       INTEGER NOT NULL,
    content_type TEXT    NOT NULL,
    file_name    TEXT    NOT NULL UNIQUE,
    byte_size    INTEGER NOT NULL,
    api_key_id   INTEGER REFERENCES api_keys (id)
);

CREATE INDEX request_photos_by_request ON request_photos (request_id, created_at, id);

-- Every change, with the key that made it. key_name is kept as it was then.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    api_key_id INTEGER REFERENCES api_keys (id),
    key_name   TEXT,
    entity     TEXT    NOT NULL,
    entity_id  TEXT    NOT NULL,
    request_id INTEGER REFERENCES requests (id) ON DELETE CASCADE,
    action     TEXT    NOT NULL,
    detail     TEXT
);

CREATE INDEX audit_log_by_request ON audit_log (request_id, id);

-- Full-text search over description, address, service name and public notes (CONTRACT §5),
-- kept in step by the storage layer in the same transaction as the change.
CREATE VIRTUAL TABLE requests_fts USING fts5 (
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
