/* 政府信息公开统计 in the admin (openinfo/templates/openinfo/admin/report.html): the completeness heat map and the
 * monthly volume, drawn with the bundled ECharts from the JSON block #openinfo-chart-data. A file rather than an
 * inline script, heights set through the DOM rather than style attributes, and tooltips drawn on the canvas
 * (renderMode "richText", which also shows site names as text, never as HTML): the Content-Security-Policy allows
 * no inline script or style.
 */
(function () {
  "use strict";

  var ROW_HEIGHT = 28; // px per site row of the heat map
  var source = document.getElementById("openinfo-chart-data");
  var heatEl = document.getElementById("heatmap");
  var monthlyEl = document.getElementById("monthly");
  if (!window.echarts || !source || !heatEl || !monthlyEl) { return; }
  var data = JSON.parse(source.textContent);
  var heat = data.heatmap;
  var cells = heat.cells.filter(function (c) { return c[2] >= 0; });

  // One row per site plus the grid's margins (top 10, bottom 120); CSSOM, which the CSP allows. Min-height: CSS.
  heatEl.style.height = heat.sites.length * ROW_HEIGHT + 130 + "px";
  window.echarts.init(heatEl).setOption({
    tooltip: {
      renderMode: "richText",
      formatter: function (p) { return heat.sites[p.value[1]] + "\n" + heat.categories[p.value[0]] + "：" + p.value[2] + " 条"; }
    },
    grid: { left: 200, right: 20, top: 10, bottom: 120 },
    xAxis: { type: "category", data: heat.codes, axisLabel: { rotate: 60 } },
    yAxis: { type: "category", data: heat.sites, inverse: true },
    visualMap: { min: 0, max: 10, calculable: true, orient: "horizontal", left: "center", bottom: 0,
                 inRange: { color: ["#d7191c", "#fdae61", "#a6d96a", "#1a9641"] } },
    series: [{ type: "heatmap", data: cells, label: { show: true } }]
  });
  window.echarts.init(monthlyEl).setOption({
    tooltip: { renderMode: "richText" },
    xAxis: { type: "category", data: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"] },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", data: data.monthly, itemStyle: { color: "#b5121b" } }]
  });
})();
