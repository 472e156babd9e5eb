// Live hotspot map: Chicago police districts underneath, hotspots from /ws/hotspots on top.
(function () {
  'use strict';

  var CHICAGO = [41.8500, -87.6800];
  var MAX_BACKOFF_MS = 30000;
  var MAX_LISTED_INCIDENTS = 60;
  var MAX_POST_EXAMPLES = 3; // as many as a hotspot event carries (Corroboration.MAX_EXAMPLES)

  var map = L.map('map', { zoomSnap: 0.25 }).setView(CHICAGO, 11);
  var districtLayer = L.layerGroup().addTo(map);
  var beatLayer = L.layerGroup().addTo(map);
  var hotspotLayer = L.layerGroup().addTo(map);
  var hotspots = new Map(); // hotspotId -> { alert, area, shape }
  var acks = new Map(); // hotspotId -> its latest acknowledgement (by revision)
  var me = { name: null, roles: [] };
  var ackPending = false;
  var ackDraft = ''; // kept across re-renders: live events redraw the details while a note is being typed
  var ackError = null;
  var selectedId = null;

  var connectionEl = document.getElementById('connection');
  var latestEl = document.getElementById('latest-event');
  var listEl = document.getElementById('hotspot-list');
  var countEl = document.getElementById('hotspot-count');
  var detailsEl = document.getElementById('hotspot-details');
  var detailsBodyEl = document.getElementById('details-body');
  var latestEventTime = null;

  document.getElementById('details-close').addEventListener('click', function () { select(null); });

  // Who is logged in decides whether alerts can be acknowledged here; the acknowledgements made so far come from the
  // server, later ones over the socket.
  fetch('/api/me')
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (who) {
      if (who) {
        me = who;
        document.getElementById('user').textContent = who.name;
        document.getElementById('replay-link').hidden = who.roles.indexOf('analyst') < 0;
        refresh();
      }
    })
    .catch(function (e) { console.warn('login unknown', e); });
  fetch('/api/acks')
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(function (list) {
      list.forEach(applyAck);
      refresh();
    })
    .catch(function (e) { console.warn('acknowledgements unavailable', e); });

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
      // beats after districts, so that their lines lie on the districts' fill and under the hotspots
      return fetch('/police-beats.geojson');
    })
    .then(function (r) { return r.json(); })
    .then(function (beats) {
      beatLayer.addLayer(L.geoJSON(beats, {
        style: { className: 'beat', color: '#8a93a8', weight: 0.6, fill: false, dashArray: '2 3' },
        onEachFeature: function (feature, layer) {
          var beat = feature.properties && feature.properties.BEAT_NUM;
          if (beat) {
            layer.bindTooltip('Beat ' + beat, { sticky: true });
          }
        }
      }));
      hotspotLayer.eachLayer(function (l) { l.bringToFront(); });
    })
    .catch(function (e) { console.warn('district or beat outlines unavailable', e); });

  // ---- formatting ----

  // JSON has no Infinity: the server writes it as the string "Infinity", which Number() reads back.
  function num(value) {
    return Number(value);
  }

  function colour(alert) {
    var r = num(alert.relativeRisk);
    return r >= 8 ? '#800026' : r >= 4 ? '#e31a1c' : r >= 2 ? '#fd8d3c' : '#fed976';
  }

  function areaStyle(alert, selected) {
    return { color: '#5a0016', weight: selected ? 4 : 2, fillColor: colour(alert), fillOpacity: 0.6 };
  }

  var SHAPE_STYLE = { color: '#1d1d6b', weight: 2, dashArray: '5 4', fill: false, interactive: false };

  function formatTime(iso) {
    if (!iso) {
      return '';
    }
    return new Date(iso).toLocaleString('en-US', {
      timeZone: 'America/Chicago', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'
    }) + ' CT';
  }

  function formatRisk(alert) {
    var r = num(alert.relativeRisk);
    return isFinite(r) ? r.toFixed(1) + '× risk' : '∞ risk';
  }

  function formatRecurrence(alert) {
    var days = num(alert.recurrenceIntervalDays);
    if (!isFinite(days)) {
      return 'never seen by chance';
    }
    // stronger than every simulated step: the interval is a bound set by the calibration's length
    var lead = alert.recurrenceIsLowerBound ? 'by chance less than once every ' : 'by chance about every ';
    if (days < 1) {
      return lead + Math.max(1, Math.round(days * 24)) + ' h';
    }
    if (days < 60) {
      return lead + Math.round(days) + ' days';
    }
    if (days < 730) {
      return lead + Math.round(days / 30.44) + ' months';
    }
    return lead + Math.round(days / 365.25) + ' years';
  }

  function formatCounts(alert) {
    return alert.observed + ' observed vs ' + num(alert.expected).toFixed(1) + ' expected';
  }

  function byValueDesc(map) {
    return Object.entries(map || {}).sort(function (a, b) { return b[1] - a[1]; });
  }

  function formatCategories(alert) {
    return byValueDesc(alert.categories).map(function (e) { return e[0] + ' ' + e[1]; }).join(', ') || '–';
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

  // ---- map layers ----

  function latLngsOf(multiPolygon) {
    return L.GeoJSON.coordsToLatLngs(multiPolygon.coordinates, 2);
  }

  function upsert(alert) {
    var id = alert.hotspotId;
    var entry = hotspots.get(id);
    if (!entry) {
      var area = L.polygon(latLngsOf(alert.geometry),
        Object.assign({ className: 'hotspot-cell' }, areaStyle(alert, false)));
      area.bindTooltip('', { sticky: true });
      area.on('click', function () { select(id); });
      hotspotLayer.addLayer(area);
      area.getElement().setAttribute('data-hotspot-id', id);
      entry = { alert: alert, area: area, shape: null };
      hotspots.set(id, entry);
    } else {
      entry.area.setLatLngs(latLngsOf(alert.geometry));
    }
    entry.alert = alert;
    entry.area.setStyle(areaStyle(alert, id === selectedId));
    entry.area.setTooltipContent(formatRisk(alert) + ': ' + formatCounts(alert));
    if (entry.shape) {
      hotspotLayer.removeLayer(entry.shape);
      entry.shape = null;
    }
    if (alert.shape) {
      entry.shape = L.polygon(L.GeoJSON.coordsToLatLngs(alert.shape.coordinates, 1),
        Object.assign({ className: 'hotspot-shape' }, SHAPE_STYLE));
      hotspotLayer.addLayer(entry.shape);
    }
  }

  function remove(id) {
    var entry = hotspots.get(id);
    if (entry) {
      hotspotLayer.removeLayer(entry.area);
      if (entry.shape) {
        hotspotLayer.removeLayer(entry.shape);
      }
      hotspots.delete(id);
    }
    if (id === selectedId) {
      select(null);
    }
  }

  function seen(alert) {
    if (alert.evaluatedAt && (!latestEventTime || alert.evaluatedAt > latestEventTime)) {
      latestEventTime = alert.evaluatedAt;
      latestEl.textContent = formatTime(latestEventTime);
      latestEl.setAttribute('datetime', latestEventTime);
    }
  }

  // ---- side panel; built from DOM nodes, never HTML strings: alert text comes from the topic ----

  function newestFirst(a, b) {
    return a.evaluatedAt < b.evaluatedAt ? 1 : a.evaluatedAt > b.evaluatedAt ? -1
      : a.hotspotId < b.hotspotId ? -1 : a.hotspotId > b.hotspotId ? 1 : 0;
  }

  // ---- trends ----

  var trends = new Map(); // district + '|' + category -> latest summary
  var trendDistrict = 'CITY';
  var TREND_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf', '#393b79', '#637939'];
  var SVG = 'http://www.w3.org/2000/svg';

  fetch('/api/trends')
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(function (list) {
      list.forEach(applyTrend);
      renderTrends();
    })
    .catch(function (e) { console.warn('trends unavailable', e); });

  function applyTrend(trend) {
    var key = trend.district + '|' + trend.category;
    var held = trends.get(key);
    if (!held || Date.parse(trend.at) >= Date.parse(held.at)) {
      trends.set(key, trend);
    }
  }

  function districtName(district) {
    return district === 'CITY' ? 'City of Chicago' : 'District ' + String(parseInt(district, 10) || district);
  }

  function districtOrder(a, b) {
    if (a.district === 'CITY' || b.district === 'CITY') {
      return a.district === 'CITY' ? -1 : b.district === 'CITY' ? 1 : 0;
    }
    return (parseInt(a.district, 10) || 0) - (parseInt(b.district, 10) || 0);
  }

  function sparkline(counts, covered) {
    var values = counts.slice(Math.max(0, counts.length - Math.max(covered, 2)));
    var max = Math.max.apply(null, values.concat([1]));
    var w = 90;
    var h = 20;
    var points = values.map(function (v, i) {
      var x = values.length === 1 ? w : (i * w) / (values.length - 1);
      return x.toFixed(1) + ',' + (h - (v / max) * (h - 2) - 1).toFixed(1);
    });
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'sparkline');
    svg.setAttribute('width', w);
    svg.setAttribute('height', h);
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    var line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points.join(' '));
    svg.appendChild(line);
    return svg;
  }

  function arrow(direction) {
    return direction === 'rising' ? '\u25b2' : direction === 'falling' ? '\u25bc' : '\u2192';
  }

  function renderTrends() {
    var rows = Array.from(trends.values()).filter(function (t) { return t.category === 'ALL'; }).sort(districtOrder);
    var latest = rows.reduce(function (at, t) { return !at || t.at > at ? t.at : at; }, null);
    document.getElementById('trends-at').textContent = latest ? 'to ' + formatTime(latest) : 'none yet';
    var list = document.getElementById('trend-list');
    list.replaceChildren.apply(list, rows.map(function (t) {
      var li = element('li', 'trend-item' + (t.district === trendDistrict ? ' selected' : ''));
      li.setAttribute('data-district', t.district);
      li.appendChild(element('span', 'trend-name', districtName(t.district)));
      li.appendChild(sparkline(t.dailyCounts || [], t.coveredDays));
      var rate = element('span', 'trend-rate', num(t.recentRate).toFixed(1) + '/day');
      li.appendChild(rate);
      var dir = element('span', 'trend-direction ' + t.direction, arrow(t.direction));
      dir.title = t.direction + ' (p = ' + num(t.mannKendallP).toFixed(3) + ')';
      li.appendChild(dir);
      li.addEventListener('click', function () {
        trendDistrict = t.district;
        renderTrends();
      });
      return li;
    }));
    renderCategoryChart();
  }

  /** A pie of the selected district's categories by incidents in the recent period. */
  function renderCategoryChart() {
    var chart = document.getElementById('category-chart');
    var slices = Array.from(trends.values())
      .filter(function (t) { return t.district === trendDistrict && t.category !== 'ALL' && num(t.recentRate) > 0; })
      .map(function (t) { return { category: t.category, value: num(t.recentRate) * t.recentDays }; })
      .sort(function (a, b) { return b.value - a.value; });
    var total = slices.reduce(function (sum, s) { return sum + s.value; }, 0);
    if (total <= 0) {
      chart.hidden = true;
      return;
    }
    chart.hidden = false;
    var days = Array.from(trends.values()).find(function (t) { return t.district === trendDistrict; }).recentDays;
    document.getElementById('category-chart-title').textContent =
      districtName(trendDistrict) + ': categories, last ' + days + ' days';
    var pie = document.getElementById('category-pie');
    var legend = document.getElementById('category-legend');
    var start = -Math.PI / 2;
    var paths = [];
    var items = [];
    slices.forEach(function (s, i) {
      var colour = TREND_COLOURS[i % TREND_COLOURS.length];
      var angle = (s.value / total) * 2 * Math.PI;
      var shape;
      if (slices.length === 1) {
        shape = document.createElementNS(SVG, 'circle');
        shape.setAttribute('r', '1');
      } else {
        var end = start + angle;
        shape = document.createElementNS(SVG, 'path');
        shape.setAttribute('d', 'M0,0 L' + Math.cos(start).toFixed(4) + ',' + Math.sin(start).toFixed(4)
          + ' A1,1 0 ' + (angle > Math.PI ? 1 : 0) + ',1 ' + Math.cos(end).toFixed(4) + ',' + Math.sin(end).toFixed(4)
          + ' Z');
        start = end;
      }
      shape.setAttribute('class', 'pie-slice');
      shape.setAttribute('data-category', s.category);
      shape.setAttribute('fill', colour);
      paths.push(shape);
      var item = element('li', 'legend-item');
      var swatch = element('span', 'swatch');
      swatch.style.background = colour;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(s.category + ' ' + Math.round((s.value / total) * 100) + '%'));
      items.push(item);
    });
    pie.replaceChildren.apply(pie, paths);
    legend.replaceChildren.apply(legend, items);
  }

  // ---- acknowledgements ----

  function revisionOf(alertId) {
    return parseInt(alertId.slice(alertId.lastIndexOf(':') + 1), 10);
  }

  function applyAck(ack) {
    var known = acks.get(ack.hotspotId);
    if (!known || revisionOf(ack.alertId) >= revisionOf(known.alertId)) {
      acks.set(ack.hotspotId, ack);
    }
  }

  /** What the page says about an alert's acknowledgement, or null when it has none. */
  function ackStatus(alert) {
    var ack = acks.get(alert.hotspotId);
    if (!ack) {
      return null;
    }
    var revision = revisionOf(ack.alertId);
    var text = 'acknowledged by ' + ack.by + ' ' + formatTime(ack.at);
    if (revision < alert.revision) {
      text += ' (revision ' + revision + ', updated since)';
    }
    if (ack.note) {
      text += ': ' + ack.note;
    }
    return { text: text, current: revision >= alert.revision };
  }

  function canAcknowledge() {
    return (me.roles || []).indexOf('dispatcher') >= 0;
  }

  function renderAckForm(alert) {
    var form = element('form', 'ack-form');
    var note = element('textarea');
    note.id = 'ack-note';
    note.placeholder = 'note (optional)';
    note.maxLength = 500;
    note.value = ackDraft;
    note.addEventListener('input', function () { ackDraft = note.value; });
    var button = element('button', null, 'Acknowledge revision ' + alert.revision);
    button.id = 'ack-submit';
    button.type = 'submit';
    button.disabled = ackPending;
    form.appendChild(note);
    form.appendChild(button);
    if (ackError) {
      var error = element('p', 'ack-error', ackError);
      error.id = 'ack-error';
      form.appendChild(error);
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      acknowledge(alert.hotspotId + ':' + alert.revision, note.value);
    });
    return form;
  }

  function acknowledge(alertId, note) {
    ackPending = true;
    ackError = null;
    renderDetails();
    fetch('/api/alerts/' + encodeURIComponent(alertId) + '/ack', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ note: note })
    })
      .then(function (r) {
        if (r.ok) {
          return null; // shown when the acknowledgement comes back over the socket, as every other screen sees it
        }
        return r.json().then(function (body) { return body.message || ('HTTP ' + r.status); },
          function () { return 'HTTP ' + r.status; });
      })
      .then(function (error) {
        ackError = error;
        if (!error) {
          ackDraft = '';
        }
      })
      .catch(function (e) { ackError = 'not sent: ' + e; })
      .then(function () {
        ackPending = false;
        renderDetails();
      });
  }

  function renderList() {
    var alerts = Array.from(hotspots.values()).map(function (e) { return e.alert; }).sort(newestFirst);
    countEl.textContent = String(alerts.length);
    listEl.replaceChildren.apply(listEl, alerts.map(function (alert) {
      var li = element('li', 'hotspot-item' + (alert.hotspotId === selectedId ? ' selected' : ''));
      li.setAttribute('data-hotspot-id', alert.hotspotId);
      var head = element('div', 'head');
      head.appendChild(element('span', 'badge label-' + alert.label, alert.label));
      head.appendChild(element('span', 'risk', formatRisk(alert)));
      li.appendChild(head);
      li.appendChild(element('p', 'explanation', alert.explanation));
      li.appendChild(element('span', 'counts', formatCounts(alert)));
      li.appendChild(element('span', 'recurrence', formatRecurrence(alert)));
      li.appendChild(element('span', 'categories', formatCategories(alert)));
      if (alert.corroboration) {
        var posts = element('span', 'corroboration-count', corroborationCount(alert.corroboration));
        if (alert.corroboration.simulated) {
          posts.appendChild(document.createTextNode(' '));
          posts.appendChild(simulatedBadge());
        }
        li.appendChild(posts);
      }
      var status = ackStatus(alert);
      if (status) {
        li.appendChild(element('span', 'ack-status' + (status.current ? ' current' : ' stale'), status.text));
      }
      li.appendChild(element('span', 'when', formatTime(alert.evaluatedAt)));
      li.addEventListener('click', function () { select(alert.hotspotId, true); });
      return li;
    }));
  }

  function renderDetails() {
    var typing = document.activeElement && document.activeElement.id === 'ack-note';
    renderDetailsBody();
    var note = document.getElementById('ack-note');
    if (typing && note) {
      note.focus();
    }
  }

  function renderDetailsBody() {
    var entry = selectedId && hotspots.get(selectedId);
    if (!entry) {
      detailsEl.hidden = true;
      detailsBodyEl.replaceChildren();
      return;
    }
    var alert = entry.alert;
    var dl = element('dl');
    function row(term, value) {
      dl.appendChild(element('dt', null, term));
      dl.appendChild(element('dd', null, value));
    }
    row('label', alert.label);
    row('window', formatTime(alert.windowStart) + ' – ' + formatTime(alert.windowEnd));
    row('counts', formatCounts(alert));
    row('relative risk', formatRisk(alert));
    row('chance', formatRecurrence(alert) + ' (p = ' + num(alert.pValue).toExponential(1)
      + ', LLR ' + num(alert.llr).toFixed(1) + ')');
    row('categories', formatCategories(alert));
    var forecast = byValueDesc(alert.forecast).map(function (e) { return e[0] + ' ' + Math.round(e[1] * 100) + '%'; });
    row('model expects next', forecast.join(', ') || '–');
    row('area', (alert.cells || []).length + ' cells, revision ' + alert.revision);
    var ids = alert.incidentIds || [];
    var incidents = element('ul', 'incident-ids');
    ids.slice(0, MAX_LISTED_INCIDENTS).forEach(function (id) { incidents.appendChild(element('li', null, id)); });
    if (ids.length > MAX_LISTED_INCIDENTS) {
      incidents.appendChild(element('li', 'more', 'and ' + (ids.length - MAX_LISTED_INCIDENTS) + ' more'));
    }
    var parts = [element('p', 'explanation', alert.explanation), dl];
    if (alert.corroboration) {
      parts.push(renderCorroboration(alert.corroboration));
    }
    var status = ackStatus(alert);
    if (status) {
      var shown = element('p', 'ack-status' + (status.current ? ' current' : ' stale'), status.text);
      shown.id = 'ack-shown';
      parts.push(shown);
    }
    if ((!status || !status.current) && canAcknowledge()) {
      parts.push(renderAckForm(alert));
    }
    parts.push(element('h3', null, 'Incidents (' + ids.length + ')'), incidents);
    detailsBodyEl.replaceChildren.apply(detailsBodyEl, parts);
    detailsEl.hidden = false;
  }

  function corroborationCount(c) {
    var n = num(c.posts);
    return n + ' related social post' + (n === 1 ? '' : 's');
  }

  // Post texts are written by strangers: they go in as text nodes only (textContent), never as markup.
  function renderCorroboration(c) {
    var section = element('section', 'corroboration');
    var head = element('h3', null, 'Corroboration: ' + corroborationCount(c));
    if (c.simulated) {
      head.appendChild(document.createTextNode(' '));
      head.appendChild(simulatedBadge());
    }
    section.appendChild(head);
    var examples = element('ul', 'post-examples');
    (c.examples || []).slice(0, MAX_POST_EXAMPLES).forEach(function (text) {
      examples.appendChild(element('li', 'post-example', String(text)));
    });
    section.appendChild(examples);
    if (c.simulated) {
      section.appendChild(element('p', 'simulated-note',
        'Simulated: real post texts placed by Hotwatch near these incidents, not posted here.'));
    }
    return section;
  }

  function simulatedBadge() {
    var badge = element('span', 'badge simulated', 'simulated');
    badge.title = 'real post texts placed by Hotwatch at real incidents, not posted here';
    return badge;
  }

  function select(id, zoom) {
    if (id !== selectedId) {
      ackDraft = '';
      ackError = null;
    }
    var previous = selectedId && hotspots.get(selectedId);
    if (previous) {
      previous.area.setStyle(areaStyle(previous.alert, false));
    }
    selectedId = id && hotspots.has(id) ? id : null;
    var entry = selectedId && hotspots.get(selectedId);
    if (entry) {
      entry.area.setStyle(areaStyle(entry.alert, true));
      entry.area.bringToFront();
      if (zoom) {
        map.fitBounds(entry.area.getBounds(), { maxZoom: 14 });
      }
    }
    renderDetails();
    renderList();
  }

  function refresh() {
    renderList();
    renderDetails();
  }

  function applySnapshot(alerts) {
    var keep = new Set(alerts.map(function (a) { return a.hotspotId; }));
    Array.from(hotspots.keys()).forEach(function (id) {
      if (!keep.has(id)) {
        remove(id);
      }
    });
    alerts.forEach(function (alert) { upsert(alert); seen(alert); });
    refresh();
  }

  function applyEvent(alert) {
    var shown = hotspots.get(alert.hotspotId);
    if (shown && alert.revision <= shown.alert.revision) {
      return; // the server sends each revision once; this guards an older revision after a snapshot
    }
    if (alert.type === 'opened' || alert.type === 'updated') {
      upsert(alert);
    } else if (alert.type === 'closed') {
      remove(alert.hotspotId);
    }
    seen(alert);
    refresh();
  }

  // ---- scored incidents: small markers coloured by surprise, fading with age ----

  var incidentMarkers = (function () {
    var MAX_MARKERS = 300;
    var SHOWN_FOR_MS = 3600 * 1000; // of event time behind the newest incident, as the server keeps for snapshots
    var FADE_EVERY_MS = 2000;
    var pane = map.createPane('incidents');
    pane.style.zIndex = 450; // over the hotspot areas, under popups
    var layer = L.layerGroup().addTo(map);
    var shown = new Map(); // incidentId -> { incident, marker }
    var newest = 0;

    // -ln p of the reported category: 0.7 is p = 50 %, 2.3 is 10 %, 4.6 is 1 %
    function surpriseColour(surprise) {
      var s = num(surprise);
      return s < 0.7 ? '#4575b4' : s < 2.3 ? '#fdae61' : s < 4.6 ? '#f46d43' : '#a50026';
    }

    function percent(p) {
      var v = num(p) * 100;
      return (v >= 10 ? Math.round(v) : v.toFixed(1)) + '%';
    }

    // built from text nodes only: nothing in an event is ever read as markup
    function popup(incident) {
      var box = element('div', 'incident-popup');
      box.appendChild(element('strong', null, incident.category + ' (reported)'));
      box.appendChild(element('div', 'when', formatTime(incident.occurredAt)
        + (incident.district ? ', district ' + incident.district : '')
        + (incident.beat ? ', beat ' + incident.beat : '')));
      box.appendChild(element('div', null, 'model expected:'));
      var top = element('ol', 'incident-top');
      (incident.top || []).forEach(function (t) {
        top.appendChild(element('li', null, t.category + ' ' + percent(t.probability)));
      });
      box.appendChild(top);
      box.appendChild(element('div', 'surprise', 'surprise ' + num(incident.surprise).toFixed(2)
        + ' (p of reported ' + percent(incident.probability) + ')'));
      box.appendChild(element('div', 'label', 'incident ' + incident.incidentId));
      return box;
    }

    function time(incident) {
      return Date.parse(incident.occurredAt) || 0;
    }

    function removeEntry(id) {
      var entry = shown.get(id);
      if (entry) {
        layer.removeLayer(entry.marker);
        shown.delete(id);
      }
    }

    function add(incident) {
      if (!isFinite(incident.latitude) || !isFinite(incident.longitude)) {
        return;
      }
      removeEntry(incident.incidentId); // a re-report replaces its earlier version
      var marker = L.circleMarker([incident.latitude, incident.longitude], {
        pane: 'incidents', className: 'incident-marker', radius: 4, weight: 1, color: '#333',
        fillColor: surpriseColour(incident.surprise), fillOpacity: 0.9, opacity: 0.9
      });
      marker.bindPopup(function () { return popup(incident); });
      layer.addLayer(marker);
      shown.set(incident.incidentId, { incident: incident, marker: marker });
      newest = Math.max(newest, time(incident));
      trim();
    }

    // the oldest go first once there are too many: the map stays readable and the page's memory bounded
    function trim() {
      if (shown.size <= MAX_MARKERS) {
        return;
      }
      var byAge = Array.from(shown.values()).sort(function (a, b) { return time(a.incident) - time(b.incident); });
      byAge.slice(0, shown.size - MAX_MARKERS).forEach(function (e) { removeEntry(e.incident.incidentId); });
    }

    // by event time, so that a replay fades its markers at the replay's pace
    function fade() {
      shown.forEach(function (entry, id) {
        var age = newest - time(entry.incident);
        if (age > SHOWN_FOR_MS) {
          removeEntry(id);
          return;
        }
        var opacity = Math.max(0.15, 1 - age / SHOWN_FOR_MS);
        entry.marker.setStyle({ fillOpacity: 0.9 * opacity, opacity: 0.9 * opacity });
      });
    }
    setInterval(fade, FADE_EVERY_MS);

    var Toggle = L.Control.extend({
      options: { position: 'topright' },
      onAdd: function () {
        var box = L.DomUtil.create('div', 'leaflet-bar incident-toggle');
        var label = L.DomUtil.create('label', '', box);
        var checkbox = L.DomUtil.create('input', '', label);
        checkbox.type = 'checkbox';
        checkbox.id = 'show-incidents';
        checkbox.checked = true;
        label.appendChild(document.createTextNode(' recent incidents'));
        var legend = L.DomUtil.create('div', 'incident-legend', box);
        legend.appendChild(element('span', 'label', "the model's p of the reported category"));
        [['#4575b4', '50% or more'], ['#fdae61', '10-50%'], ['#f46d43', '1-10%'], ['#a50026', 'under 1%']]
          .forEach(function (c) {
            var item = element('span', 'incident-legend-item');
            var dot = element('span', 'incident-dot');
            dot.style.background = c[0];
            item.appendChild(dot);
            item.appendChild(document.createTextNode(c[1]));
            legend.appendChild(item);
          });
        L.DomEvent.disableClickPropagation(box);
        checkbox.addEventListener('change', function () {
          if (checkbox.checked) {
            layer.addTo(map);
          } else {
            map.removeLayer(layer);
          }
        });
        return box;
      }
    });
    new Toggle().addTo(map);

    return {
      add: add, // faded on the next tick, not per message: incidents can come many a second
      replaceAll: function (incidents) {
        Array.from(shown.keys()).forEach(removeEntry);
        newest = 0;
        incidents.slice().reverse().forEach(add); // the snapshot lists the newest first
        fade();
      }
    };
  })();

  // ---- live connection ----

  var attempt = 0;
  var countdown = null;
  // Where this page is in the server's stream: a reconnect asks for the messages after lastSeq of streamId, so that
  // nothing is missed or shown twice; the server answers with a snapshot when it no longer has them.
  var streamId = null;
  var lastSeq = null;

  function setConnection(state, text) {
    connectionEl.className = 'connection ' + state;
    connectionEl.textContent = text;
  }

  function connect() {
    setConnection('connecting', 'connecting');
    var scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    var query = streamId === null ? '' : '?since=' + lastSeq + '&stream=' + encodeURIComponent(streamId);
    query += (query ? '&' : '?') + 'incidents=true'; // scored incidents too, for the incident markers
    var socket = new WebSocket(scheme + '//' + location.host + '/ws/hotspots' + query);
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
        streamId = data.stream;
        lastSeq = data.seq;
        applySnapshot(data.hotspots || []);
        incidentMarkers.replaceAll(data.incidents || []);
      } else if (data.type === 'resumed') {
        streamId = data.stream;
      } else if (data.type === 'error') {
        console.warn('the server refused the connection:', data.message);
      } else if (typeof data.seq === 'number') {
        if (lastSeq !== null && data.seq <= lastSeq) {
          return; // already applied
        }
        lastSeq = data.seq;
        if (data.hotspot && (data.type === 'opened' || data.type === 'updated' || data.type === 'closed')) {
          applyEvent(data.hotspot);
        } else if (data.type === 'trend' && data.trend) {
          applyTrend(data.trend);
          renderTrends();
        } else if (data.type === 'ack' && data.ack) {
          applyAck(data.ack);
          refresh();
        } else if (data.type === 'incident' && data.incident) {
          incidentMarkers.add(data.incident);
        }
      }
    };
    socket.onclose = function (event) {
      if (event.code === 4001) {
        attempt = 0; // dropped for falling behind, not a server fault: resume at once
      }
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
