-- All findings with the SHA-256 of the files they came from, newest first by the mode's time
-- column, then in evidence order so that runs on the same input print the same sequence. Parameter: $time_column
-- (TimeGenerated for --kql-compat, as the rule sorts; EventTime for the default mode).
SELECT
    findings.*,
    source.sha256 AS SourceSha256,
    prior.sha256 AS PriorSourceSha256
FROM findings
LEFT JOIN input_files AS source ON source.path = findings.SourceFile
LEFT JOIN input_files AS prior ON prior.path = findings.PriorSourceFile
ORDER BY
    CASE WHEN $time_column = 'TimeGenerated' THEN TimeGenerated ELSE EventTime END DESC NULLS LAST,
    SourceFile, SourceRow, DetectionType, PriorSourceFile NULLS FIRST, PriorSourceRow NULLS FIRST
