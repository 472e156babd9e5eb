// Live hotspot map: Chicago police districts underneath, hotspot cells from /ws/hotspots on top.
(function () {
  'use strict';

  var CHICAGO = [41.8500, -87.6800];
  var MAX_BACKOFF_MS = 30000;
  var MAX_LISTED_INCIDENTS = 20;

  var map = L.map('map', { zoomSnap: 0.25 }).setView(CHICAGO, 11);
  var districtLayer = L.layerGroup().addTo(map);
  var hotspotLayer = L.layerGroup().addTo(map);
  var cells = new Map(); // cellId -> { event, polygon }

  var connectionEl = document.getElementById('connection');
  var latestEl = document.getElementById('latest-event');
  var listEl = document.getElementById('hotspot-list');
  var countEl = document.getElementById('hotspot-count');
  var latestEventTime = null;

  fetch('/api/map-settings')
    .then(function (r) { return r.ok ? r.json() : {}; })
    .then(function (settings) {
      if (settings.tileUrl) {
        L.tileLayer(settings.tileUrl, { attribution: settings.tileAttribution || '', maxZoom: 19 }).addTo(map);
        districtLayer.eachLayer(function (l) { l.bringToFront(); });
        hotspotLayer.eachLayer(function (l) { l.bringToFront(); });
      }
    })
    .catch(function (e) { console.warn('map settings unavailable', e); });

  fetch('/police-districts.geojson')
    .then(function (r) { return r.json(); })
    .then(function (districts) {
      var outlines = L.geoJSON(districts, {
        style: { className: 'district', color: '#55607a', weight: 1.5, fill: true, fillColor: '#ffffff', fillOpacity: 0.6 },
        onEachFeature: function (feature, layer) {
          var label = feature.properties && (feature.properties.DIST_LABEL || feature.properties.DIST_NUM);
          if (label) {
            layer.bindTooltip('District ' + label, { sticky: true });
          }
        }
      });
      districtLayer.addLayer(outlines);
      map.fitBounds(outlines.getBounds(), { padding: [10, 10] });
      hotspotLayer.eachLayer(function (l) { l.bringToFront(); });
    })
    .catch(function (e) { console.warn('district outlines unavailable', e); });

  // ---- hotspot cells ----

  function ratio(event) {
    return event.expected > 0 ? event.observed / event.expected : Infinity;
  }

  function colour(event) {
    var r = ratio(event);
    return r >= 8 ? '#800026' : r >= 4 ? '#e31a1c' : r >= 2 ? '#fd8d3c' : '#fed976';
  }

  function style(event) {
    return { color: '#5a0016', weight: 2, fillColor: colour(event), fillOpacity: 0.7 };
  }

  function formatTime(iso) {
    if (!iso) {
      return '';
    }
    var t = new Date(iso);
    return t.toLocaleString('en-US', {
      timeZone: 'America/Chicago', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'
    }) + ' CT';
  }

  function formatRatio(event) {
    var r = ratio(event);
    return isFinite(r) ? r.toFixed(1) + '×' : '∞';
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (text !== undefined) {
      el.textContent = text;
    }
    return el;
  }

  // Built from DOM nodes, never HTML strings: event text comes from the topic.
  function popupContent(event) {
    var root = element('div', 'hotspot-popup');
    root.appendChild(element('p', 'explanation', event.explanation || 'Hotspot'));
    var dl = element('dl');
    function row(term, value) {
      dl.appendChild(element('dt', null, term));
      dl.appendChild(element('dd', null, value));
    }
    row('observed', String(event.observed));
    row('expected', Number(event.expected).toFixed(2) + ' (' + formatRatio(event) + ')');
    row('p-value', Number(event.pValue).toExponential(2));
    row('window', formatTime(event.windowStart) + ' – ' + formatTime(event.windowEnd));
    var categories = Object.entries(event.categories || {})
      .sort(function (a, b) { return b[1] - a[1]; })
      .map(function (e) { return e[0] + ' ' + e[1]; });
    row('categories', categories.join(', ') || '–');
    var forecast = Object.entries(event.forecast || {})
      .sort(function (a, b) { return b[1] - a[1]; })
      .map(function (e) { return e[0] + ' ' + Math.round(e[1] * 100) + '%'; });
    if (forecast.length) {
      row('model expects', forecast.join(', '));
    }
    var ids = event.incidentIds || [];
    var shown = ids.slice(0, MAX_LISTED_INCIDENTS).join(', ');
    row('incidents', ids.length > MAX_LISTED_INCIDENTS ? shown + ' and ' + (ids.length - MAX_LISTED_INCIDENTS) + ' more' : shown || '–');
    row('cell', event.cellId);
    root.appendChild(dl);
    return root;
  }

  function tooltipText(event) {
    return event.observed + ' observed vs ' + Number(event.expected).toFixed(1) + ' expected';
  }

  function upsert(event) {
    var latlngs = L.GeoJSON.coordsToLatLngs(event.geometry.coordinates, 1);
    var entry = cells.get(event.cellId);
    if (entry) {
      entry.event = event;
      entry.polygon.setLatLngs(latlngs);
      entry.polygon.setStyle(style(event));
      entry.polygon.setPopupContent(popupContent(event));
      entry.polygon.setTooltipContent(tooltipText(event));
      return;
    }
    var polygon = L.polygon(latlngs, Object.assign({ className: 'hotspot-cell' }, style(event)));
    polygon.bindPopup(popupContent(event), { maxWidth: 360 });
    polygon.bindTooltip(tooltipText(event), { sticky: true });
    hotspotLayer.addLayer(polygon);
    var path = polygon.getElement();
    if (path) {
      path.setAttribute('data-cell', event.cellId);
    }
    cells.set(event.cellId, { event: event, polygon: polygon });
  }

  function remove(cellId) {
    var entry = cells.get(cellId);
    if (entry) {
      hotspotLayer.removeLayer(entry.polygon);
      cells.delete(cellId);
    }
  }

  function seen(event) {
    if (event.windowEnd && (!latestEventTime || event.windowEnd > latestEventTime)) {
      latestEventTime = event.windowEnd;
      latestEl.textContent = formatTime(latestEventTime);
      latestEl.setAttribute('datetime', latestEventTime);
    }
  }

  function renderList() {
    var entries = Array.from(cells.values()).map(function (e) { return e.event; });
    entries.sort(function (a, b) { return a.windowEnd < b.windowEnd ? 1 : a.windowEnd > b.windowEnd ? -1 : 0; });
    countEl.textContent = String(entries.length);
    listEl.replaceChildren.apply(listEl, entries.map(function (event) {
      var li = element('li', 'hotspot-item');
      li.setAttribute('data-cell-id', event.cellId);
      li.appendChild(element('span', 'ratio', formatRatio(event)));
      li.appendChild(element('span', 'what', event.observed + ' incidents, ' + Number(event.expected).toFixed(1) + ' expected'));
      var top = Object.entries(event.categories || {})
        .sort(function (a, b) { return b[1] - a[1]; })
        .slice(0, 2)
        .map(function (e) { return e[0]; });
      li.appendChild(element('span', 'when', (top.length ? top.join(', ') + ' · ' : '') + formatTime(event.windowEnd)));
      li.addEventListener('click', function () {
        var entry = cells.get(event.cellId);
        if (entry) {
          map.fitBounds(entry.polygon.getBounds(), { maxZoom: 14 });
          entry.polygon.openPopup();
        }
      });
      return li;
    }));
  }

  function applySnapshot(hotspots) {
    var keep = new Set(hotspots.map(function (e) { return e.cellId; }));
    Array.from(cells.keys()).forEach(function (cellId) {
      if (!keep.has(cellId)) {
        remove(cellId);
      }
    });
    hotspots.forEach(function (event) { upsert(event); seen(event); });
    renderList();
  }

  function applyEvent(event) {
    if (event.status === 'active') {
      upsert(event);
    } else if (event.status === 'cleared') {
      remove(event.cellId);
    }
    seen(event);
    renderList();
  }

  // ---- live connection ----

  var attempt = 0;
  var countdown = null;

  function setConnection(state, text) {
    connectionEl.className = 'connection ' + state;
    connectionEl.textContent = text;
  }

  function connect() {
    setConnection('connecting', 'connecting');
    var scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    var socket = new WebSocket(scheme + '//' + location.host + '/ws/hotspots');
    socket.onopen = function () {
      attempt = 0;
      setConnection('live', 'live');
    };
    socket.onmessage = function (message) {
      var data;
      try {
        data = JSON.parse(message.data);
      } catch (e) {
        console.warn('unreadable message', message.data);
        return;
      }
      if (data.type === 'snapshot') {
        applySnapshot(data.hotspots || []);
      } else if (data.type === 'hotspot' && data.event) {
        applyEvent(data.event);
      }
    };
    socket.onclose = function () {
      scheduleReconnect();
    };
    // onerror is always followed by onclose, which reconnects.
  }

  function scheduleReconnect() {
    var base = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, attempt));
    var delay = Math.round(base * (0.8 + Math.random() * 0.4));
    attempt += 1;
    var due = Date.now() + delay;
    clearInterval(countdown);
    function tick() {
      var left = Math.max(0, Math.ceil((due - Date.now()) / 1000));
      setConnection('reconnecting', 'offline, retrying in ' + left + ' s');
    }
    tick();
    countdown = setInterval(tick, 1000);
    setTimeout(function () {
      clearInterval(countdown);
      connect();
    }, delay);
  }

  connect();
})();
