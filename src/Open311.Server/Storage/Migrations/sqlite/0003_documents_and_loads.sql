-- The search document of a request, defined here once: its description, address, service name and the
-- text of its public notes. Live writes and bulk loads index requests from this view (SqliteDialect).
CREATE VIEW request_documents AS
SELECT r.id,
       coalesce(r.description, '') || ' ' || coalesce(r.address, '') || ' ' || s.service_name || ' ' ||
       coalesce((SELECT group_concat(n.description, ' ')
                 FROM request_notes n WHERE n.request_id = r.id AND n.public = 1), '') AS body
FROM requests r JOIN services s ON s.id = r.service_id;

-- Bulk loads write whole change chains themselves (RequestLoad.ChangeChain): inside a load's transaction
-- the setting change_log_suspended is present and the triggers stand aside. SQLite cannot disable a trigger.
DROP TRIGGER requests_created;
DROP TRIGGER requests_updated;

CREATE TRIGGER requests_created AFTER INSERT ON requests
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE name = 'change_log_suspended')
BEGIN
    INSERT INTO request_changes (request_id, changed_at, prev_at) VALUES (NEW.id, NEW.updated_at, NULL);
END;

CREATE TRIGGER requests_updated AFTER UPDATE OF updated_at ON requests
WHEN NEW.updated_at > OLD.updated_at AND NOT EXISTS (SELECT 1 FROM settings WHERE name = 'change_log_suspended')
BEGIN
    INSERT INTO request_changes (request_id, changed_at, prev_at) VALUES (NEW.id, NEW.updated_at, OLD.updated_at);
END;
