"""政府网站工作年度报表 (国办函〔2018〕12号): figures collected from the platform (collect), the report's rows
(rows), publication as a page (publish), XLSX export and the admin (viewsets, views)."""
