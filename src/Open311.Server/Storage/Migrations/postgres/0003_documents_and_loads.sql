-- The search document of a request, defined here once: its description, address, service name and the
-- text of its public notes (the same text as SQLite's request_documents). Live writes and bulk loads
-- set requests.search from this view (PostgresDialect).
CREATE VIEW request_documents AS
SELECT r.id,
       to_tsvector('english',
           coalesce(r.description, '') || ' ' || coalesce(r.address, '') || ' ' || s.service_name || ' ' ||
           coalesce((SELECT string_agg(n.description, ' ' ORDER BY n.id)
                     FROM request_notes n WHERE n.request_id = r.id AND n.public), '')) AS search
FROM requests r JOIN services s ON s.id = r.service_id;
