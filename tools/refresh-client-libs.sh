#!/usr/bin/env bash
# Refreshes the browser libraries under src/Open311.Server/wwwroot/lib/ from npm, at the versions pinned in
# tools/client-libs/package.json and its lock file. Run it after changing a version there; commit the result.
# Nothing is fetched at build or run time: the server serves the copies kept in the repository (no CDN).
set -euo pipefail
cd "$(dirname "$0")/client-libs"
npm ci --no-audit --no-fund --ignore-scripts >/dev/null
lib=../../src/Open311.Server/wwwroot/lib
rm -rf "$lib/leaflet" "$lib/leaflet.markercluster"
mkdir -p "$lib/leaflet/images" "$lib/leaflet.markercluster"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/LICENSE "$lib/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$lib/leaflet/images/"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css node_modules/leaflet.markercluster/MIT-LICENCE.txt \
   "$lib/leaflet.markercluster/"
for p in leaflet leaflet.markercluster; do
    node -e "const p=require('./node_modules/$p/package.json'); console.log(p.name+' '+p.version)" >"$lib/$p/VERSION"
done
rm -rf node_modules
echo "refreshed: $(cat "$lib"/*/VERSION | tr '\n' ' ')"
