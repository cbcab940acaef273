-- Findings per detection: detected, shown, suppressed by an allow-list, and hidden with an
-- incident below --min-severity (whose label starts with "incident below").
SELECT
    DetectionId AS id,
    count(*) AS detected,
    count(*) FILTER (WHERE SuppressedBy IS NULL) AS shown,
    count(*) FILTER (WHERE SuppressedBy IS NOT NULL AND NOT starts_with(SuppressedBy, 'incident below')) AS allow_listed,
    count(*) FILTER (WHERE starts_with(SuppressedBy, 'incident below')) AS below_min_severity
FROM findings
GROUP BY DetectionId
