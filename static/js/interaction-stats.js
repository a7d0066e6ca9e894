/* Charts of the 互动交流 statistics page (templates/interaction/stats_page.html), drawn with the bundled ECharts
 * from the JSON block #interaction-stats-data; the tables beside them carry the same figures without JavaScript.
 * A file rather than an inline script, and tooltips drawn on the canvas (renderMode "richText") rather than as
 * HTML with style attributes: the Content-Security-Policy allows neither inline scripts nor inline styles.
 */
(function () {
  "use strict";

  var source = document.getElementById("interaction-stats-data");
  if (!window.echarts || !source) { return; }
  var data = JSON.parse(source.textContent);
  var theme = getComputedStyle(document.documentElement).getPropertyValue("--theme").trim() || "#b5121b";
  var charts = [];

  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    el.hidden = false;
    var chart = window.echarts.init(el);
    chart.setOption(option);
    charts.push(chart);
  }

  draw("stats-chart-monthly", {
    color: [theme, "#8c8c8c"],
    tooltip: { trigger: "axis", renderMode: "richText" },
    legend: { data: ["受理", "已答复"] },
    grid: { left: 40, right: 16, top: 40, bottom: 30 },
    xAxis: { type: "category", data: data.months },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: "受理", type: "bar", data: data.received },
      { name: "已答复", type: "bar", data: data.answered }
    ]
  });
  draw("stats-chart-satisfaction", {
    color: [theme, "#8c8c8c", "#d9d9d9"],
    tooltip: { trigger: "item", renderMode: "richText", formatter: "{b}：{c} 件（{d}%）" },
    legend: { bottom: 0 },
    series: [{ type: "pie", radius: ["35%", "65%"], label: { formatter: "{b}\n{c} 件" }, data: data.satisfaction }]
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
