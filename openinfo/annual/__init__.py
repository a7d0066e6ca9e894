"""政府信息公开工作年度报告 (条例 Arts. 49–50; format 国办公开办函〔2021〕30号): Tables 2–4 counted from the
platform (tables), the balance rule (balance), generation and publication (reports), exports and the admin."""
