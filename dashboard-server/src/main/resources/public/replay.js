// Replay mode: pick a dataset, a range and a speed; the run's hotspots come from /ws/replay/{runId}, never the live
// stream. Everything on this page is marked REPLAY. Closed hotspots stay on the map, muted: at the end of a replay
// every hotspot has closed, and what the run found is what an analyst came for.
(function () {
  'use strict';

  var CHICAGO = [41.8500, -87.6800];
  var POLL_MS = 1000;
  var ACTIVE = ['requested', 'running', 'finishing'];

  var map = L.map('map', { zoomSnap: 0.25 }).setView(CHICAGO, 11);
  var hotspotLayer = L.layerGroup().addTo(map);
  var hotspots = new Map(); // hotspotId -> { alert, area, closed }
  var datasets = [];
  var runId = null;
  var socket = null;
  var pollTimer = null;

  var datasetEl = document.getElementById('dataset');
  var spanEl = document.getElementById('dataset-span');
  var fromEl = document.getElementById('from');
  var toEl = document.getElementById('to');
  var speedEl = document.getElementById('speed');
  var startEl = document.getElementById('start');
  var stopEl = document.getElementById('stop');
  var errorEl = document.getElementById('form-error');
  var stateEl = document.getElementById('run-state');
  var clockEl = document.getElementById('run-clock');
  var sentEl = document.getElementById('run-sent');
  var listEl = document.getElementById('hotspot-list');
  var countEl = document.getElementById('hotspot-count');
  var runListEl = document.getElementById('run-list');

  fetch('/police-districts.geojson')
    .then(function (r) { return r.json(); })
    .then(function (districts) {
      L.geoJSON(districts, { style: { color: '#555', weight: 1, fillOpacity: 0.03 }, interactive: false }).addTo(map);
      hotspotLayer.eachLayer(function (l) { l.bringToFront(); });
    })
    .catch(function (e) { console.warn('district outlines unavailable', e); });

  // ---- datasets and the form ----

  function toInput(iso) {
    return iso ? iso.substring(0, 16) : '';
  }

  function fromInput(value) {
    return value ? value + ':00Z' : '';
  }

  function showSpan() {
    var d = datasets.find(function (x) { return x.name === datasetEl.value; });
    if (!d) {
      spanEl.textContent = '';
      return;
    }
    spanEl.textContent = d.rows + ' incidents, ' + d.firstEvent + ' to ' + d.lastEvent;
    fromEl.min = toInput(d.firstEvent);
    toEl.max = toInput(d.lastEvent);
    if (!fromEl.value) {
      // two days from the dataset's first midnight: enough for the hour-to-day windows, quick to watch
      var first = new Date(d.firstEvent);
      fromEl.value = toInput(first.toISOString());
      toEl.value = toInput(new Date(first.getTime() + 2 * 86400000).toISOString());
    }
  }

  fetch('/api/replay/datasets')
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(function (list) {
      datasets = list;
      datasetEl.replaceChildren.apply(datasetEl, list.map(function (d) {
        var option = document.createElement('option');
        option.value = d.name;
        option.textContent = d.name;
        return option;
      }));
      if (!list.length) {
        spanEl.textContent = 'no dataset offered: is the replay service running?';
      }
      showSpan();
    });
  datasetEl.addEventListener('change', showSpan);

  function showError(text) {
    errorEl.textContent = text || '';
    errorEl.hidden = !text;
  }

  document.getElementById('replay-form').addEventListener('submit', function (event) {
    event.preventDefault();
    showError(null);
    fetch('/api/replay', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ dataset: datasetEl.value, from: fromInput(fromEl.value), to: fromInput(toEl.value),
        speed: speedEl.value })
    })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (answer) {
        if (!answer.ok) {
          showError((answer.body.parameter ? answer.body.parameter + ': ' : '') + (answer.body.reason
            || answer.body.message || 'refused'));
          return;
        }
        watch(answer.body.runId);
        showStatus(answer.body);
      })
      .catch(function (e) { showError('could not reach the server: ' + e); });
  });

  stopEl.addEventListener('click', function () {
    if (runId) {
      fetch('/api/replay/' + encodeURIComponent(runId), { method: 'DELETE' })
        .then(function (r) { return r.ok ? null : r.json().then(function (b) { showError(b.reason); }); });
    }
  });

  // ---- status and progress ----

  function showStatus(status) {
    stateEl.textContent = 'REPLAY ' + status.state + (status.reason ? ': ' + status.reason : '');
    stateEl.className = 'connection ' + (ACTIVE.indexOf(status.state) >= 0 ? 'live'
      : status.state === 'finished' ? 'finished' : 'reconnecting');
    clockEl.textContent = status.eventTime || '–';
    sentEl.textContent = status.sent + ' of ' + status.total;
    stopEl.disabled = ACTIVE.indexOf(status.state) < 0;
    if (!socket && status.state !== 'requested' && status.state !== 'refused') {
      connect();
    }
  }

  function poll() {
    if (!runId) {
      return;
    }
    fetch('/api/replay/' + encodeURIComponent(runId))
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (status) {
        if (status) {
          showStatus(status);
          if (ACTIVE.indexOf(status.state) < 0) {
            clearInterval(pollTimer);
            pollTimer = null;
            loadRuns();
          }
        }
      });
  }

  function watch(id) {
    runId = id;
    if (socket) {
      socket.close();
      socket = null;
    }
    hotspots.forEach(function (entry) { hotspotLayer.removeLayer(entry.area); });
    hotspots.clear();
    render();
    if (pollTimer) {
      clearInterval(pollTimer);
    }
    pollTimer = setInterval(poll, POLL_MS);
    poll();
  }

  function loadRuns() {
    fetch('/api/replay')
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (runs) {
        runListEl.replaceChildren.apply(runListEl, runs.map(function (run) {
          var li = document.createElement('li');
          li.textContent = run.dataset + ' ' + (run.from || '') + ' → ' + (run.to || '') + ' at ' + run.speed + ': '
            + run.state;
          li.addEventListener('click', function () { watch(run.runId); });
          return li;
        }));
      });
  }
  loadRuns();

  // ---- the run's hotspots, as /ws/hotspots sends them ----

  function colour(alert) {
    var r = Number(alert.relativeRisk);
    return r >= 8 ? '#800026' : r >= 4 ? '#e31a1c' : r >= 2 ? '#fd8d3c' : '#fed976';
  }

  function openStyle(alert) {
    return { color: '#3b1f5c', weight: 2, dashArray: '6 3', fillColor: colour(alert), fillOpacity: 0.55 };
  }

  var CLOSED_STYLE = { color: '#777', weight: 1, dashArray: '2 3', fillColor: '#bbb', fillOpacity: 0.3 };

  function upsert(alert) {
    var entry = hotspots.get(alert.hotspotId);
    var latLngs = L.GeoJSON.coordsToLatLngs(alert.geometry.coordinates, 2);
    var style = openStyle(alert);
    if (!entry) {
      var area = L.polygon(latLngs, Object.assign({ className: 'hotspot-cell replay' }, style));
      area.bindTooltip('', { sticky: true });
      hotspotLayer.addLayer(area);
      entry = { alert: alert, area: area };
      hotspots.set(alert.hotspotId, entry);
    } else {
      entry.area.setLatLngs(latLngs);
      entry.area.setStyle(style);
    }
    entry.alert = alert;
    entry.closed = false;
    entry.area.getElement().classList.remove('closed');
    entry.area.setTooltipContent('REPLAY: ' + alert.observed + ' observed vs ' + Number(alert.expected).toFixed(1)
      + ' expected');
  }

  // a closing event may carry only the hotspot's identity: the last revision shown keeps its place and numbers
  function close(id) {
    var entry = hotspots.get(id);
    if (entry) {
      entry.closed = true;
      entry.area.setStyle(CLOSED_STYLE);
      entry.area.getElement().classList.add('closed');
      entry.area.setTooltipContent('REPLAY, closed: ' + entry.alert.observed + ' observed');
    }
  }

  function render() {
    var entries = Array.from(hotspots.values()).sort(function (a, b) {
      return a.closed !== b.closed ? (a.closed ? 1 : -1)
        : a.alert.evaluatedAt < b.alert.evaluatedAt ? 1 : a.alert.evaluatedAt > b.alert.evaluatedAt ? -1 : 0;
    });
    countEl.textContent = entries.filter(function (e) { return !e.closed; }).length + ' open, '
      + entries.filter(function (e) { return e.closed; }).length + ' closed';
    listEl.replaceChildren.apply(listEl, entries.map(function (entry) {
      var alert = entry.alert;
      var li = document.createElement('li');
      li.setAttribute('data-hotspot-id', alert.hotspotId);
      li.className = entry.closed ? 'closed' : 'open';
      var categories = Object.entries(alert.categories || {}).sort(function (a, b) { return b[1] - a[1]; })
        .map(function (e) { return e[0] + ' ' + e[1]; }).join(', ');
      li.textContent = (entry.closed ? 'closed: ' : '') + alert.explanation + ' (' + categories + '; '
        + alert.evaluatedAt + ')';
      return li;
    }));
  }

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    // since=0: the run's whole history (its stream keeps the latest messages), closed hotspots included; a run too
    // long for that gets a snapshot of its open hotspots instead
    var ws = new WebSocket(scheme + location.host + '/ws/replay/' + encodeURIComponent(runId) + '?since=0');
    socket = ws;
    ws.onmessage = function (event) {
      var m = JSON.parse(event.data);
      if (m.type === 'snapshot') {
        hotspots.forEach(function (entry, id) { close(id); });
        m.hotspots.forEach(upsert);
      } else if (m.type === 'opened' || m.type === 'updated') {
        upsert(m.hotspot);
      } else if (m.type === 'closed') {
        close(m.hotspot.hotspotId);
      } else if (m.type === 'error') {
        showError(m.message);
      }
      render();
    };
    ws.onclose = function () {
      if (socket === ws) {
        socket = null; // the next status poll of an active run reconnects
      }
    };
  }
})();
