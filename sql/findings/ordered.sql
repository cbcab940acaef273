-- All findings, newest first by the mode's time column, then in evidence order so that runs
-- on the same input print the same sequence. Parameter: $time_column
-- (TimeGenerated for --kql-compat, as the rule sorts; EventTime for the default mode).
SELECT *
FROM findings
ORDER BY
    CASE WHEN $time_column = 'TimeGenerated' THEN TimeGenerated ELSE EventTime END DESC NULLS LAST,
    SourceFile, SourceRow, DetectionType, PriorSourceFile NULLS FIRST, PriorSourceRow NULLS FIRST
