// The maps of the pages (Leaflet, served from /lib): tiles from Open311:Map:TileUrl when set, the jurisdiction's
// bounds drawn as a line, and nothing else fetched. Without tiles (none configured, or none reachable) the map
// still shows the bounds and the markers. A map element is hidden until this script shows it.
window.Open311Maps = (function () {
  "use strict";
  function box(text) {
    var n = (text || "").split(",").map(Number);
    return n.length === 4 && n.every(isFinite) ? L.latLngBounds([n[1], n[0]], [n[3], n[2]]) : null;
  }
  function create(element) {
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false, maxZoom: 19 });
    var d = element.dataset;
    if (d.tiles) L.tileLayer(d.tiles, { attribution: d.attribution || "", maxZoom: 19 }).addTo(map);
    var bounds = box(d.bounds);
    if (bounds) L.rectangle(bounds, { color: "#0b4f8a", weight: 2, fill: false, interactive: false }).addTo(map);
    var view = box(d.view);
    if (view) map.fitBounds(view);
    else map.setView([Number(d.lat), Number(d.long)], Number(d.zoom) || 13);
    return map;
  }
  var track = document.getElementById("track-map");
  if (track) {
    var map = create(track);
    L.marker([Number(track.dataset.lat), Number(track.dataset.long)], { keyboard: false }).addTo(map);
  }
  return { create: create, box: box };
})();
