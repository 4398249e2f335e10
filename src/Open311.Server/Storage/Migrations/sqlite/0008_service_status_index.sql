-- An app listing open potholes asks for a service (or a few) and a status, newest first: this index walks
-- exactly those rows in order instead of every row of the services and a sort (bench: "2 services, open").
CREATE INDEX requests_by_service_status ON requests (service_id, status, requested_at, id);
ANALYZE requests_by_service_status;
