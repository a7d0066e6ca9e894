/* Charts of the 依申请公开 statistics page (templates/openinfo/application_stats.html), drawn with the bundled
 * ECharts from the JSON block #application-stats-data; the tables beside them carry the same figures. A file, not
 * an inline script, and tooltips drawn on the canvas: the Content-Security-Policy allows no inline script or style.
 */
(function () {
  "use strict";

  var source = document.getElementById("application-stats-data");
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

  function bars(names, categories, first, second) {
    return {
      color: [theme, "#8c8c8c"],
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { data: names },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: "category", data: categories },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: names[0], type: "bar", data: first },
        { name: names[1], type: "bar", data: second }
      ]
    };
  }

  draw("stats-chart-outcomes", {
    color: [theme, "#d4646a", "#8c8c8c", "#bfbfbf", "#595959", "#e8b4b7"],
    tooltip: { trigger: "item", renderMode: "richText", formatter: "{b}：{c} 件（{d}%）" },
    legend: { bottom: 0 },
    series: [{ type: "pie", radius: ["35%", "65%"], label: { formatter: "{b}\n{c} 件" }, data: data.outcomes }]
  });
  draw("stats-chart-monthly", bars(["收到", "办结"], data.months, data.received, data.closed));
  draw("stats-chart-years", bars(["收到", "办结"], data.years, data.years_received, data.years_closed));
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
