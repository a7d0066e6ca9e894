"""The evaluator workbench in the admin (报告 → 网站健康检查): group overview, drill-down per site and per check."""
