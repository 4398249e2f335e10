// The map of reports: markers grouped when dense, each linking to its tracking page, and the list beside the map
// kept to what the map shows (the list is what a screen reader reads; the page works without this script).
(function () {
  "use strict";
  var element = document.getElementById("requests-map");
  if (!element) return;
  var map = Open311Maps.create(element);
  var cluster = L.markerClusterGroup({ showCoverageOnHover: false });
  map.addLayer(cluster);
  var list = document.getElementById("request-list"), title = document.getElementById("list-title");
  var empty = document.getElementById("list-empty"), more = document.getElementById("list-more");
  var form = document.querySelector("form.filters"), bbox = form.querySelector("input[name=bbox]");

  function marker(r) {
    var m = L.marker([r.lat, r.long], { title: r.service + " · " + r.id });
    var link = document.createElement("a");
    link.href = r.url;
    link.textContent = r.service + " · " + r.id;
    m.bindPopup(link);
    return m;
  }

  function show(data) {
    cluster.clearLayers();
    list.textContent = "";
    data.requests.forEach(function (r) {
      if (r.lat !== null && r.long !== null) cluster.addLayer(marker(r));
      var li = document.createElement("li"), a = document.createElement("a"), meta = document.createElement("span");
      a.href = r.url;
      a.textContent = r.service + " · " + r.id;
      meta.className = "meta";
      meta.textContent = (r.status === "closed" ? list.dataset.closed : list.dataset.open) + " · " + (r.address ? r.address + " · " : "") + r.requested;
      li.appendChild(a);
      li.appendChild(meta);
      list.appendChild(li);
    });
    title.textContent = title.dataset.template.replace("{0}", data.total);
    empty.hidden = data.total !== 0;
    more.hidden = !data.more;
  }

  function view() {
    var b = map.getBounds(), c = map.getCenter();
    // The search takes at most a degree a side: a wider view asks for the degree around its centre.
    var w = Math.max(b.getWest(), c.lng - 0.5), e = Math.min(b.getEast(), c.lng + 0.5);
    var s = Math.max(b.getSouth(), c.lat - 0.5), n = Math.min(b.getNorth(), c.lat + 0.5);
    return [w, s, e, n].map(function (x) { return x.toFixed(5); }).join(",");
  }

  function load() {
    bbox.value = view();
    var params = new URLSearchParams(new FormData(form));
    fetch(element.dataset.source + "&" + params.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) show(data); })
      .catch(function () { });
  }

  // The first markers come from the list the server wrote.
  Array.prototype.forEach.call(list.querySelectorAll("li[data-lat]"), function (li) {
    var a = li.querySelector("a");
    if (li.dataset.lat && li.dataset.long)
      cluster.addLayer(marker({ lat: Number(li.dataset.lat), long: Number(li.dataset.long), url: a.getAttribute("href"), service: a.textContent, id: "" }));
  });
  map.on("moveend", load);
})();
