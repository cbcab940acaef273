-- All findings with the line (text inputs) and SHA-256 of the files they came from, newest first by the mode's time
-- column, then in evidence order so that runs on the same input print the same sequence. Parameter: $time_column
-- (TimeGenerated for --kql-compat, as the rule sorts; EventTime for the default mode), and
-- $selection: 'active', 'suppressed' (by an allow-list or --min-severity) or 'all'.
SELECT
    findings.* EXCLUDE (UserKey),
    source_line.line AS SourceLine,
    source.sha256 AS SourceSha256,
    prior_line.line AS PriorSourceLine,
    prior.sha256 AS PriorSourceSha256
FROM findings
LEFT JOIN input_files AS source ON source.path = findings.SourceFile
LEFT JOIN input_files AS prior ON prior.path = findings.PriorSourceFile
LEFT JOIN record_lines AS source_line
    ON source_line.source_file = findings.SourceFile AND source_line.source_row = findings.SourceRow
LEFT JOIN record_lines AS prior_line
    ON prior_line.source_file = findings.PriorSourceFile AND prior_line.source_row = findings.PriorSourceRow
WHERE $selection = 'all' OR ($selection = 'suppressed') = (findings.SuppressedBy IS NOT NULL)
ORDER BY
    CASE WHEN $time_column = 'TimeGenerated' THEN TimeGenerated ELSE EventTime END DESC NULLS LAST,
    SourceFile, SourceRow, DetectionType, PriorSourceFile NULLS FIRST, PriorSourceRow NULLS FIRST
