// MTTA and MTTR per month, drawn with uPlot (served from the jar) from the JSON of
// GET /api/v1/reports/monthly: one chart for each figure, one line per system.
(function () {
  'use strict';
  const root = document.getElementById('reports');
  const holder = document.getElementById('monthly-charts');
  if (!root || !holder || typeof uPlot === 'undefined') {
    return;
  }
  const colours = ['#2f6fb3', '#b26a00', '#2e8b57', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d', '#d35400'];

  function monthStart(month) {
    const parts = month.split('-');
    return Date.UTC(Number(parts[0]), Number(parts[1]) - 1, 1) / 1000;
  }

  function chart(title, unit, divisor, field, months, systems, rows) {
    const box = document.createElement('figure');
    box.className = 'chart';
    const caption = document.createElement('figcaption');
    caption.textContent = title;
    box.appendChild(caption);
    holder.appendChild(box);
    if (rows.every(function (r) { return r[field] == null; })) {
      const none = document.createElement('p');
      none.className = 'muted';
      none.textContent = field === 'mttr' ? 'No incident opened in this period was resolved yet.'
        : 'No incident opened in this period was acknowledged yet.';
      box.appendChild(none);
      return null;
    }
    const xs = months.map(monthStart);
    const data = [xs];
    const series = [{}];
    systems.forEach(function (system, i) {
      data.push(months.map(function (month) {
        const row = rows.find(function (r) { return r.month === month && r.system === system; });
        return row && row[field] != null ? Math.round(row[field] / divisor * 10) / 10 : null;
      }));
      series.push({ label: system, stroke: colours[i % colours.length], width: 2, spanGaps: true,
        points: { show: true, size: 6 } });
    });
    // The chart takes the width of its own cell of the grid (two side by side, one when narrow).
    const width = Math.max(280, Math.floor(box.clientWidth || holder.clientWidth || 600) - 8);
    const month = 31 * 86400;
    return new uPlot({
      width: width, height: 220, series: series,
      legend: { live: false },
      // The months shown, with half a month of room either side (one month alone is not stretched over years).
      scales: { x: { time: true, range: function () {
        return [xs[0] - month / 2, xs[xs.length - 1] + month / 2];
      } } },
      axes: [
        { stroke: '#6b7785', grid: { stroke: '#eef1f5' }, ticks: { stroke: '#dde2e8' },
          splits: function () { return xs; },
          values: function (u, ticks) {
            return ticks.map(function (t) { return new Date(t * 1000).toISOString().slice(0, 7); });
          } },
        { stroke: '#6b7785', size: 56, grid: { stroke: '#eef1f5' }, ticks: { stroke: '#dde2e8' },
          values: function (u, ticks) { return ticks.map(function (v) { return v + ' ' + unit; }); } }
      ]
    }, data, box);
  }

  fetch(root.dataset.monthlyUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    })
    .then(function (rows) {
      const empty = document.getElementById('monthly-empty');
      if (rows.length === 0) {
        empty.textContent = 'No incidents opened in this period.';
        return;
      }
      empty.remove();
      const months = Array.from(new Set(rows.map(function (r) { return r.month; }))).sort();
      const systems = Array.from(new Set(rows.map(function (r) { return r.system; }))).sort();
      chart('MTTR (hours)', 'h', 3600, 'mttr', months, systems, rows);
      chart('MTTA (minutes)', 'min', 60, 'mtta', months, systems, rows);
    })
    .catch(function (error) {
      document.getElementById('monthly-empty').textContent = 'Could not load the monthly figures (' + error.message + ').';
    });
})();
