// The report form, enhanced: the map sets the coordinates, a chosen place shows the open reports of this service
// close by ("already reported?"), and chosen photos are previewed. The form works the same without it.
(function () {
  "use strict";
  var element = document.getElementById("report-map");
  var lat = document.getElementById("lat"), lon = document.getElementById("long");
  var nearby = document.getElementById("nearby");
  if (element && lat && lon) {
    var map = Open311Maps.create(element), marker = null;
    var place = function (latlng, pan) {
      if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng, { keyboard: false }).addTo(map);
      if (pan) map.panTo(latlng);
    };
    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lon.value = event.latlng.lng.toFixed(6);
      place(event.latlng, false);
      check();
    });
    var typed = function () {
      var a = Number(lat.value), b = Number(lon.value);
      if (lat.value && lon.value && isFinite(a) && isFinite(b) && Math.abs(a) <= 90 && Math.abs(b) <= 180) { place([a, b], true); check(); }
    };
    lat.addEventListener("change", typed);
    lon.addEventListener("change", typed);
    if (lat.value && lon.value) typed();
  }

  function check() {
    if (!nearby || !element) return;
    var url = element.dataset.nearby + "&lat=" + encodeURIComponent(lat.value) + "&long=" + encodeURIComponent(lon.value);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (found) {
        var list = nearby.querySelector("ul");
        list.textContent = "";
        found.forEach(function (r) {
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = r.url;
          a.textContent = r.id;
          li.appendChild(a);
          li.appendChild(document.createTextNode(" · " + (r.address ? r.address + " · " : "") + r.requested));
          list.appendChild(li);
        });
        nearby.hidden = found.length === 0;
      })
      .catch(function () { nearby.hidden = true; });
  }

  var input = document.getElementById("media"), preview = document.getElementById("photo-preview");
  if (input && preview) {
    input.addEventListener("change", function () {
      preview.textContent = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var li = document.createElement("li");
        if (/^image\//.test(file.type)) {
          var img = document.createElement("img");
          img.src = URL.createObjectURL(file);
          img.alt = "";
          li.appendChild(img);
        }
        li.appendChild(document.createTextNode(file.name));
        preview.appendChild(li);
      });
      preview.hidden = input.files.length === 0;
    });
  }
})();
