window.addEventListener('error', function (e) { document.body.setAttribute('data-js-error', String(e.message)); });
(function () {
  var r = JSON.parse(document.getElementById('result-data').textContent);
  var rendered = 0;
  var thresholdLines = 0;
  var phaseBands = 0;
  var width = Math.max(280, Math.min(960, (document.body.clientWidth || 960) - 8));
  var stages = r.configuration.stages || [];
  // The named stages as phases, [start, end) in seconds since the start, shaded behind every time chart.
  var phases = [];
  (function () {
    var start = 0;
    stages.forEach(function (s) {
      if (s.name) { phases.push({ name: s.name, from: start, to: start + s.durationSeconds }); }
      start += s.durationSeconds;
    });
  })();
  var loadEnd = stages.reduce(function (sum, s) { return sum + s.durationSeconds; }, 0);
  var bandColors = ['rgba(59,130,246,0.07)', 'rgba(245,158,11,0.10)'];
  function drawPhases(u) {
    var ctx = u.ctx;
    ctx.save();
    phases.forEach(function (p, i) {
      var left = u.valToPos(p.from, 'x', true);
      var right = u.valToPos(Math.min(p.to, u.scales.x.max), 'x', true);
      if (right <= left) { return; }
      ctx.fillStyle = bandColors[i % bandColors.length];
      ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
      ctx.fillStyle = '#667085';
      ctx.font = (11 * devicePixelRatio) + 'px system-ui, sans-serif';
      ctx.fillText(p.name, left + 4 * devicePixelRatio, u.bbox.top + 12 * devicePixelRatio);
    });
    ctx.restore();
  }
  // Each interval's value holds over the interval that ends at its point: drawn as a step, not a ramp.
  var stepped = uPlot.paths && uPlot.paths.stepped ? uPlot.paths.stepped({ align: -1 }) : undefined;
  function fromZero(u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; }
  function chart(id, title, xLabel, yLabel, x, series, extra, timeAxis) {
    var el = document.getElementById(id);
    if (!el || x.length === 0) { return; }
    // As wide as the box it is drawn in, which the page's padding already narrows, up to 960 px.
    var opts = Object.assign({
      title: title, width: Math.max(260, Math.min(960, el.clientWidth || width)), height: 260,
      // A legend of names only: a value shows where the cursor is, never a placeholder.
      legend: { live: false },
      scales: { x: { time: false }, y: { range: fromZero } },
      axes: [{ label: xLabel }, { label: yLabel }],
      series: [{ label: xLabel }].concat(series.map(function (s) { return s.options; })),
      hooks: timeAxis && phases.length > 0 ? { drawClear: [drawPhases] } : {}
    }, extra || {});
    new uPlot(opts, [x].concat(series.map(function (s) { return s.values; })), el);
    rendered++;
    if (timeAxis) { phaseBands = Math.max(phaseBands, phases.length); }
  }
  var t = r.timeline || [];
  // A point at 0 starts the first interval; each value then holds back to the point before it.
  var x = [0].concat(t.map(function (p) { return p.endSeconds; }));
  function col(name) {
    var values = t.map(function (p) { return p[name]; });
    return [values.length ? values[0] : null].concat(values);
  }
  function line(label, stroke, values, dashed) {
    return { options: { label: label, stroke: stroke, dash: dashed ? [6, 4] : undefined, paths: stepped,
                        points: { show: false } }, values: values };
  }
  var latency = [
    line('p50', '#3b82f6', col('p50Millis')),
    line('p95', '#f59e0b', col('p95Millis')),
    line('p99', '#ef4444', col('p99Millis')),
    line('service p50', '#3b82f6', col('serviceP50Millis'), true),
    line('service p95', '#f59e0b', col('serviceP95Millis'), true),
    line('service p99', '#ef4444', col('serviceP99Millis'), true),
    line('p95 sliding window', '#8b5cf6', col('windowP95Millis'))
  ];
  // Each latency threshold as a line at its limit: over the whole run, or over its phase only.
  (r.thresholds || []).forEach(function (th) {
    if (th.unit !== 'ms' || th.scope.indexOf('endpoint ') === 0) { return; }
    var phase = th.scope.indexOf('phase ') === 0 ? th.scope.substring(6) : '';
    var span = phases.filter(function (p) { return p.name === phase; })[0];
    if (phase && !span) { return; }
    var values = x.map(function (s) {
      return !span || (s >= span.from && s <= span.to + 1e-6) ? th.limit : null;
    });
    latency.push({ options: { label: th.metric + ' limit ' + th.limit + ' ms' + (phase ? ' (' + phase + ')' : ''),
                              stroke: th.passed ? '#2b8a3e' : '#c92a2a', width: 1.5, dash: [2, 3],
                              points: { show: false } }, values: values });
    thresholdLines++;
  });
  chart('chart-latency', 'Latency per interval: corrected (solid) and service time (dashed)',
        'seconds since start', 'ms', x, latency, null, true);
  var rate = [null];
  for (var i = 0; i < t.length; i++) {
    var len = i === 0 ? t[0].endSeconds : t[i].endSeconds - t[i - 1].endSeconds;
    rate.push(len > 0 ? t[i].iterations / len : 0);
  }
  rate[0] = rate.length > 1 ? rate[1] : null;
  // The planned rate over an interval: its mean, from 50 points across it, so that a step inside the interval
  // shows as the share of it each rate had, as the completions do; none after the load ended.
  function targetAt(s) {
    if (s > loadEnd + 1e-6) { return null; }
    var start = 0;
    for (var k = 0; k < stages.length; k++) {
      var length = stages[k].durationSeconds;
      if (s <= start + length && length > 0) {
        return stages[k].from + (stages[k].to - stages[k].from) * (s - start) / length;
      }
      start += length;
    }
    return null;
  }
  var target = x.map(function (end, j) {
    if (j === 0) { return targetAt(0); }
    var from = x[j - 1];
    var to = Math.min(end, loadEnd);
    if (from >= loadEnd || to <= from) { return null; }
    var sum = 0;
    for (var n = 0; n < 50; n++) { sum += targetAt(from + (to - from) * (n + 0.5) / 50); }
    return sum / 50;
  });
  var throughput = [line('completed per second', '#3b82f6', rate)];
  if (r.configuration.model === 'open') {
    throughput.push(line('target rate', '#9ca3af', target, true));
  }
  chart('chart-throughput', 'Throughput per second', 'seconds since start', 'req/s', x, throughput, null, true);
  var palette = ['#ef4444', '#f59e0b', '#8b5cf6', '#06b6d4', '#84cc16', '#ec4899', '#64748b', '#a16207', '#0f766e'];
  var classes = [];
  t.forEach(function (p) {
    Object.keys(p.failuresByOutcome || {}).forEach(function (k) { if (classes.indexOf(k) < 0) { classes.push(k); } });
  });
  var errorSeries = classes.map(function (k, n) {
    var values = t.map(function (p) { return (p.failuresByOutcome || {})[k] || 0; });
    return line(k, palette[n % palette.length], [values.length ? values[0] : 0].concat(values));
  });
  if (errorSeries.length === 0) {
    errorSeries = [line('failures', '#ef4444', col('failures'))];
  }
  chart('chart-errors', 'Failed iterations per interval, by class', 'seconds since start', 'failures', x,
        errorSeries, null, true);
  var spectrum = r.correctedSpectrum || [];
  var service = r.serviceSpectrum || [];
  // x is 1 / (1 - p): 0 % → 1, 90 % → 10, 99 % → 100, on a log scale; 100 % sits one step past the last point.
  function odds(points) {
    var xs = [];
    for (var m = 0; m < points.length; m++) {
      var p = points[m].percentile;
      xs.push(p < 100 ? 1 / (1 - p / 100) : Math.max(10, 2 * (xs.length ? xs[xs.length - 1] : 1)));
    }
    return xs;
  }
  if (spectrum.length > 0) {
    var sx = odds(spectrum);
    var serviceX = odds(service);
    var serviceAt = sx.map(function (o) {
      var best = null;
      for (var j = 0; j < service.length; j++) { if (serviceX[j] <= o) { best = service[j].millis; } }
      return best;
    });
    chart('chart-spectrum', 'Percentile spectrum: the latency each share of iterations stayed within',
          'percentile', 'ms', sx, [
      { options: { label: 'corrected', stroke: '#ef4444', points: { show: false } },
        values: spectrum.map(function (p) { return p.millis; }) },
      { options: { label: 'service time', stroke: '#10b981', points: { show: false } }, values: serviceAt }
    ], {
      scales: { x: { time: false, distr: 3 }, y: { range: fromZero } },
      axes: [{
        label: 'percentile',
        splits: function (u) {
          var out = [];
          for (var v = 1; v <= u.scales.x.max * 1.0001; v *= 10) { out.push(v); }
          return out;
        },
        values: function (u, vals) {
          return vals.map(function (v) {
            var decimals = Math.max(0, Math.round(Math.log10(v)) - 2);
            return (100 - 100 / v).toFixed(decimals) + '%';
          });
        }
      }, { label: 'ms' }]
    }, false);
  }
  document.body.setAttribute('data-charts-rendered', String(rendered));
  document.body.setAttribute('data-threshold-lines', String(thresholdLines));
  document.body.setAttribute('data-phase-bands', String(phaseBands));
})();
