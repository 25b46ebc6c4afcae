// Health charts, drawn with uPlot (served from the jar) from the JSON of
// GET /api/v1/health (the /health page) or GET /api/v1/systems/{code}/health?around=...
// (an incident page). The URL comes from the page's data-health-url; nothing is inline.
// /health fetches its JSON again once a minute and redraws in place (no reload).
(function () {
  const REFRESH_MS = 60000;
  const THRESHOLD_COLOUR = '#c62828';
  const LINE_COLOUR = '#0b5fff';

  // A value of the metric as the chart plots it: fractions as %, milliseconds as seconds.
  function scale(metric, value) {
    if (value === null || value === undefined) {
      return null;
    }
    return metric.unit === 'ms' ? value / 1000 : value * 100;
  }

  function formatTick(metric, value) {
    if (value === null || value === undefined) {
      return '';
    }
    const rounded = Number.isInteger(value) || Math.abs(value) >= 10 ? value.toFixed(0) : value.toFixed(1);
    return rounded + (metric.unit === 'ms' ? ' s' : ' %');
  }

  // Time ticks in the viewer's local time: hours and minutes, or the day over a week.
  function formatTime(spanSeconds, seconds) {
    const d = new Date(seconds * 1000);
    if (spanSeconds > 2 * 86400) {
      return d.toLocaleDateString([], { weekday: 'short', day: 'numeric' });
    }
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
  }

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    return e;
  }

  // One chart: the plotted figure per bucket, the threshold as a dashed horizontal series, and,
  // on an incident page, a vertical mark at the incident's start.
  function chart(figure, health, metric, options) {
    const plot = element('div', 'plot');
    figure.appendChild(plot);
    const from = Date.parse(health.from) / 1000;
    const to = Date.parse(health.to) / 1000;
    const values = (metric.plot === 'avg' ? metric.avg : metric.max).map(function (v) { return scale(metric, v); });
    const xs = metric.t.slice();
    const data = [xs, values];
    const series = [{}, {
      label: metric.label + (metric.plot === 'avg' ? ' (avg)' : ' (max)'),
      stroke: LINE_COLOUR,
      width: 1.5,
      fill: 'rgba(11, 95, 255, 0.08)',
      points: { show: xs.length < 60 },
      value: function (u, v) { return formatTick(metric, v); }
    }];
    if (metric.threshold) {
      const level = scale(metric, metric.threshold.value);
      // Two points at the window's edges: the line spans the whole chart.
      data[0] = [from].concat(xs, [to]);
      data[1] = [null].concat(values, [null]);
      data.push(data[0].map(function () { return level; }));
      series.push({
        label: 'threshold',
        stroke: THRESHOLD_COLOUR,
        width: 1,
        dash: [6, 4],
        points: { show: false },
        value: function (u, v) { return formatTick(metric, v); }
      });
    }
    const fixed = metric.unit === 'fraction' && metric.metric !== 'error_rate';
    const width = Math.max(220, Math.floor(plot.getBoundingClientRect().width || figure.clientWidth || 360));
    const opts = {
      width: width,
      height: options.height,
      legend: { show: options.legend },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true, range: function () { return [from, to]; } },
        y: {
          range: function (u, min, max) {
            if (fixed) {
              return [0, 100];
            }
            const top = max === null || max === undefined || max <= 0 ? 1 : max * 1.15;
            return [0, top];
          }
        }
      },
      axes: [
        {
          stroke: '#6b7785', grid: { stroke: '#eef1f5' }, ticks: { stroke: '#dde2e8' }, size: 28,
          values: function (u, ticks) { return ticks.map(function (t) { return formatTime(to - from, t); }); }
        },
        {
          stroke: '#6b7785', size: 52, space: 18, grid: { stroke: '#eef1f5' }, ticks: { stroke: '#dde2e8' },
          values: function (u, ticks) { return ticks.map(function (v) { return formatTick(metric, v); }); }
        }
      ],
      series: series,
      hooks: {}
    };
    if (options.marker) {
      opts.hooks.draw = [function (u) {
        const x = Math.round(u.valToPos(options.marker, 'x', true));
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = '#b26a00';
        ctx.lineWidth = 1.5 * (window.devicePixelRatio || 1);
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.restore();
      }];
    }
    return new uPlot(opts, data, plot);
  }

  // The figures of a system: a chart per metric that has samples (or every metric on /health).
  function drawSystem(container, health, options) {
    (container.charts || []).forEach(function (u) { u.destroy(); });
    container.charts = [];
    container.replaceChildren();
    const shown = health.metrics.filter(function (m) { return options.all || m.t.length > 0; });
    if (shown.length === 0) {
      container.appendChild(element('p', 'muted', options.empty));
      return;
    }
    shown.forEach(function (metric) {
      const figure = element('figure', 'chart');
      figure.dataset.metric = metric.metric;
      const caption = element('figcaption');
      caption.appendChild(element('span', 'metric-label', metric.label));
      caption.appendChild(element('span', 'headline', metric.headline));
      if (metric.thresholdText) {
        caption.appendChild(element('span', 'threshold', 'threshold ' + metric.thresholdText));
      }
      figure.appendChild(caption);
      container.appendChild(figure);
      if (metric.t.length === 0) {
        figure.appendChild(element('p', 'no-samples muted', 'No samples in this window.'));
        return;
      }
      container.charts.push(chart(figure, health, metric, options));
    });
  }

  function stateClass(state) {
    return 'state ' + state.replace(/ /g, '-');
  }

  // /health: the overview table and each system's section.
  function drawDashboard(page, systems) {
    systems.forEach(function (health) {
      page.querySelectorAll('[data-system="' + CSS.escape(health.system) + '"]').forEach(function (part) {
        part.querySelectorAll('[data-part="state"]').forEach(function (s) {
          s.textContent = health.state;
          s.className = stateClass(health.state);
        });
        part.querySelectorAll('[data-part="reasons"]').forEach(function (r) {
          r.textContent = health.reasons.join(' · ');
        });
        health.metrics.forEach(function (metric) {
          part.querySelectorAll('td.figure[data-metric="' + metric.metric + '"]').forEach(function (cell) {
            cell.textContent = metric.headline;
            cell.classList.toggle('muted', metric.summary.samples === 0);
          });
        });
        const charts = part.querySelector('[data-part="charts"]');
        if (charts) {
          drawSystem(charts, health, { height: 130, legend: false, all: true, empty: '' });
        }
      });
    });
  }

  function load(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      });
  }

  const page = document.getElementById('health');
  if (page) {
    const refreshed = document.getElementById('health-refreshed');
    const refresh = function () {
      load(page.dataset.healthUrl).then(function (systems) {
        drawDashboard(page, systems);
        refreshed.textContent = 'updated ' + new Date().toLocaleTimeString([], { hour12: false });
        refreshed.classList.remove('offline');
      }).catch(function (e) {
        refreshed.textContent = 'could not refresh (' + e.message + '); trying again in a minute';
        refreshed.classList.add('offline');
      });
    };
    refresh();
    window.setInterval(refresh, REFRESH_MS);
  }

  // An incident page: its system around the incident's start, small.
  document.querySelectorAll('.incident-health[data-health-url]').forEach(function (section) {
    const charts = section.querySelector('[data-part="charts"]');
    load(section.dataset.healthUrl).then(function (health) {
      drawSystem(charts, health, {
        height: 110, legend: false, all: false, marker: Number(section.dataset.marker),
        empty: 'No metric samples of ' + health.system + ' from an hour before to an hour after the start.'
      });
    }).catch(function (e) {
      charts.replaceChildren(element('p', 'muted', 'The charts could not be loaded (' + e.message + ').'));
    });
  });
})();
