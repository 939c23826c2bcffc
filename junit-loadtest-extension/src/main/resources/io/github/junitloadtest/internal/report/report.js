window.addEventListener('error', function (e) { document.body.setAttribute('data-js-error', String(e.message)); });
(function () {
  var r = JSON.parse(document.getElementById('result-data').textContent);
  var rendered = 0;
  var width = Math.min(960, document.body.clientWidth || 960);
  function chart(id, title, yLabel, x, series, extra) {
    var el = document.getElementById(id);
    if (!el || x.length === 0) { return; }
    var opts = Object.assign({
      title: title, width: width, height: 260,
      scales: { x: { time: false } },
      axes: [{ label: 'seconds since start' }, { label: yLabel }],
      series: [{ label: 'time (s)' }].concat(series.map(function (s) { return s.options; }))
    }, extra || {});
    new uPlot(opts, [x].concat(series.map(function (s) { return s.values; })), el);
    rendered++;
  }
  var t = r.timeline || [];
  var x = t.map(function (p) { return p.endSeconds; });
  function col(name) { return t.map(function (p) { return p[name]; }); }
  chart('chart-latency', 'Latency per interval: corrected (solid) and service time (dashed)', 'ms', x, [
    { options: { label: 'p50', stroke: '#3b82f6' }, values: col('p50Millis') },
    { options: { label: 'p95', stroke: '#f59e0b' }, values: col('p95Millis') },
    { options: { label: 'p99', stroke: '#ef4444' }, values: col('p99Millis') },
    { options: { label: 'service p50', stroke: '#3b82f6', dash: [6, 4] }, values: col('serviceP50Millis') },
    { options: { label: 'service p95', stroke: '#f59e0b', dash: [6, 4] }, values: col('serviceP95Millis') },
    { options: { label: 'service p99', stroke: '#ef4444', dash: [6, 4] }, values: col('serviceP99Millis') },
    { options: { label: 'p95 sliding window', stroke: '#8b5cf6' }, values: col('windowP95Millis') }
  ]);
  var seconds = [];
  for (var i = 0; i < t.length; i++) { seconds.push(i === 0 ? t[0].endSeconds : t[i].endSeconds - t[i - 1].endSeconds); }
  var rate = t.map(function (p, i) { return seconds[i] > 0 ? p.iterations / seconds[i] : 0; });
  var stages = r.configuration.stages || [];
  function targetAt(s) {
    var start = 0;
    for (var k = 0; k < stages.length; k++) {
      var len = stages[k].durationSeconds;
      if (s <= start + len && len > 0) { return stages[k].from + (stages[k].to - stages[k].from) * (s - start) / len; }
      start += len;
    }
    return 0;
  }
  var throughput = [{ options: { label: 'completed per second', stroke: '#3b82f6' }, values: rate }];
  if (r.configuration.model === 'open') {
    throughput.push({ options: { label: 'target rate', stroke: '#9ca3af', dash: [4, 4] }, values: x.map(targetAt) });
  }
  chart('chart-throughput', 'Throughput per second', 'req/s', x, throughput);
  var palette = ['#ef4444', '#f59e0b', '#8b5cf6', '#06b6d4', '#84cc16', '#ec4899', '#64748b', '#a16207', '#0f766e'];
  var classes = [];
  t.forEach(function (p) {
    Object.keys(p.failuresByOutcome || {}).forEach(function (k) { if (classes.indexOf(k) < 0) { classes.push(k); } });
  });
  var errorSeries = classes.map(function (k, i) {
    return { options: { label: k, stroke: palette[i % palette.length] },
             values: t.map(function (p) { return (p.failuresByOutcome || {})[k] || 0; }) };
  });
  if (errorSeries.length === 0) {
    errorSeries = [{ options: { label: 'failures', stroke: '#ef4444' }, values: col('failures') }];
  }
  chart('chart-errors', 'Failed iterations per interval, by class', 'failures', x, errorSeries);
  var spectrum = r.correctedSpectrum || [];
  var service = r.serviceSpectrum || [];
  // x is 1 / (1 - p): 0 % → 1, 90 % → 10, 99 % → 100, on a log scale; 100 % sits one step past the last point.
  function odds(points) {
    var xs = [];
    for (var i = 0; i < points.length; i++) {
      var p = points[i].percentile;
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
    chart('chart-spectrum', 'Percentile spectrum', 'ms', sx, [
      { options: { label: 'corrected', stroke: '#ef4444' }, values: spectrum.map(function (p) { return p.millis; }) },
      { options: { label: 'service time', stroke: '#10b981' }, values: serviceAt }
    ], {
      scales: { x: { time: false, distr: 3 } },
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
    });
  }
  document.body.setAttribute('data-charts-rendered', String(rendered));
})();
