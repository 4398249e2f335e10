-- Places (CONTRACT §10): a GiST index of the requests' points (the built-in point type: no extension needed),
-- for radius and bbox searches. PostgreSQL keeps it in step with every write, COPY included.
CREATE INDEX requests_by_place ON requests USING gist (point(lon, lat));

-- A service's own area, as a GeoJSON Polygon or MultiPolygon; null means wherever the jurisdiction is.
ALTER TABLE services ADD COLUMN area text;
