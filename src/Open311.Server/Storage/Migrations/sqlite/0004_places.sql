-- Places (CONTRACT §10): an R*Tree of the requests' points, for radius and bbox searches. Its rows are kept in
-- step with requests by these triggers, in the transaction of every write (live, bulk load and storage copy alike).
-- SQLite's R*Tree keeps 32-bit floats, rounded outward: searches check the lat and lon columns as well.
CREATE VIRTUAL TABLE request_places USING rtree (id, south, north, west, east);

INSERT INTO request_places (id, south, north, west, east)
SELECT id, lat, lat, lon, lon FROM requests WHERE lat IS NOT NULL AND lon IS NOT NULL;

CREATE TRIGGER request_places_created AFTER INSERT ON requests
WHEN NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL
BEGIN
    INSERT INTO request_places (id, south, north, west, east) VALUES (NEW.id, NEW.lat, NEW.lat, NEW.lon, NEW.lon);
END;

CREATE TRIGGER request_places_moved AFTER UPDATE OF lat, lon ON requests
BEGIN
    DELETE FROM request_places WHERE id = OLD.id;
    INSERT INTO request_places (id, south, north, west, east)
    SELECT NEW.id, NEW.lat, NEW.lat, NEW.lon, NEW.lon WHERE NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL;
END;

CREATE TRIGGER request_places_deleted AFTER DELETE ON requests
BEGIN
    DELETE FROM request_places WHERE id = OLD.id;
END;

-- A service's own area, as a GeoJSON Polygon or MultiPolygon; null means wherever the jurisdiction is.
ALTER TABLE services ADD COLUMN area TEXT;
