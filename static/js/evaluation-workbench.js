/* 网站健康检查 in the admin: the trend over runs, drawn with the bundled ECharts (static/vendor/echarts, no CDN) from
 * the JSON block #evaluation-chart-data. A file, not an inline script, and tooltips drawn on the canvas
 * (renderMode "richText"): the Content-Security-Policy allows no inline script or style. The same numbers are in
 * the table below the chart. */
(function () {
  "use strict";

  var source = document.getElementById("evaluation-chart-data");
  var el = document.getElementById("evaluation-trend");
  if (!window.echarts || !source || !el) { return; }
  var data = JSON.parse(source.textContent);
  function line(name, values, colour) {
    // Symbols always: a trend of one run is a single point, which a line alone would not show.
    return { name: name, type: "line", data: values, showSymbol: true, symbolSize: 8,
             itemStyle: { color: colour }, lineStyle: { color: colour } };
  }
  window.echarts.init(el).setOption({
    tooltip: { trigger: "axis", renderMode: "richText" },
    legend: { data: ["单项否决", "预警", "提示"] },
    grid: { left: 50, right: 20, top: 40, bottom: 40 },
    xAxis: { type: "category", data: data.days },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      line("单项否决", data.veto, "#b5121b"),
      line("预警", data.warning, "#d98b00"),
      line("提示", data.advisory, "#5470c6")
    ]
  });
})();
